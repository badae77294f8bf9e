package io.camelaccs.component;

import io.camelaccs.rest.SearchCriteria;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * The search criteria of an exchange: the {@code CamelAccsSearchCriteria} header when given, else the endpoint's
 * {@code filter}, {@code sortOrders}, {@code pageSize} and {@code currentPage}. A filter without Simple expressions is
 * parsed once, when the endpoint is created, so that its syntax errors stop the route from starting.
 */
final class SearchCriteriaFactory {

    private final AccsConfiguration conf;
    private final SearchCriteria fixed;
    private final Expression filterExpression;

    SearchCriteriaFactory(AccsConfiguration conf, CamelContext context) {
        this.conf = conf;
        String filter = conf.getFilter();
        if (filter != null && filter.contains("${")) {
            this.filterExpression = context.resolveLanguage("simple").createExpression(filter);
            this.fixed = null;
        } else {
            this.filterExpression = null;
            this.fixed = build(filter);
        }
    }

    SearchCriteria create(Exchange exchange) {
        SearchCriteria given = exchange.getMessage().getHeader(AccsConstants.SEARCH_CRITERIA, SearchCriteria.class);
        if (given != null) {
            return given.pageSize() == null ? given.withPageSize(conf.getPageSize()) : given;
        }
        if (filterExpression == null) {
            return fixed;
        }
        return build(filterExpression.evaluate(exchange, String.class));
    }

    private SearchCriteria build(String filter) {
        SearchCriteria.Builder b = SearchCriteria.builder();
        if (filter != null && !filter.isBlank()) {
            b.filter(filter);
        }
        if (conf.getSortOrders() != null && !conf.getSortOrders().isBlank()) {
            b.sortOrders(conf.getSortOrders());
        }
        b.pageSize(conf.getPageSize());
        if (conf.getCurrentPage() != null) {
            b.currentPage(conf.getCurrentPage());
        }
        return b.build();
    }
}
