package io.camelaccs.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelaccs.rest.FilterTemplate;
import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.rest.SearchCriteria.Filter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.spi.Language;

/**
 * The search criteria of an exchange: the {@code CamelAccsSearchCriteria} header when given, else the endpoint's
 * {@code filter}, {@code sortOrders}, {@code pageSize} and {@code currentPage}. The filter is parsed once, when the
 * endpoint is created, so that its syntax errors stop the route from starting; its Simple expressions stand for
 * values and are bound per exchange as values, never parsed as filter text (a header holding a quote cannot change
 * the filter).
 */
final class SearchCriteriaFactory {

    private final AccsEndpointConfiguration conf;
    private final SearchCriteria fixed;
    private final FilterTemplate template;
    private final Map<String, Expression> expressions = new LinkedHashMap<>();

    SearchCriteriaFactory(AccsEndpointConfiguration conf, CamelContext context) {
        this.conf = conf;
        String filter = conf.getFilter();
        if (filter != null && filter.contains("${")) {
            this.template = FilterTemplate.parse(filter);
            Language simple = context.resolveLanguage("simple");
            template.expressions().forEach(text -> {
                Expression e = simple.createExpression(text);
                e.init(context);
                expressions.put(text, e);
            });
            this.fixed = null;
        } else {
            this.template = null;
            this.fixed = build(filter == null || filter.isBlank() ? List.of() : SearchCriteria.builder().filter(filter)
                    .build().filterGroups());
        }
    }

    SearchCriteria create(Exchange exchange) {
        SearchCriteria given = exchange.getMessage().getHeader(AccsConstants.SEARCH_CRITERIA, SearchCriteria.class);
        if (given != null) {
            return given.pageSize() == null ? given.withPageSize(conf.getPageSize()) : given;
        }
        if (template == null) {
            return fixed;
        }
        return build(template.bind(text -> expressions.get(text).evaluate(exchange, String.class)));
    }

    private SearchCriteria build(List<List<Filter>> groups) {
        SearchCriteria.Builder b = SearchCriteria.builder();
        groups.forEach(group -> b.anyOf(group.toArray(Filter[]::new)));
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
