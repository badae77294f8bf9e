package io.camelaccs.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code searchCriteria} of a Commerce search: AND groups of OR-ed filters, sort orders and paging. Immutable;
 * put one in a message header instead of the {@code filter}, {@code sortOrders}, {@code pageSize} and
 * {@code currentPage} options:
 *
 * <pre>
 * SearchCriteria.builder()
 *         .where("updated_at", "gteq", "2026-01-01")
 *         .anyOf(Filter.of("type_id", "eq", "simple"), Filter.of("type_id", "eq", "virtual"))
 *         .sortBy("updated_at", Direction.ASC)
 *         .pageSize(100)
 *         .build();
 * </pre>
 *
 * or {@code .filter("updated_at gteq '2026-01-01' and (type_id eq 'simple' or type_id eq 'virtual')")}, which builds
 * the same value.
 */
public final class SearchCriteria {

    /** The condition types Commerce accepts, in alphabetical order. */
    public static final List<String> CONDITION_TYPES = List.of("eq", "finset", "from", "gt", "gteq", "in", "like", "lt",
            "lteq", "moreq", "neq", "nfinset", "nin", "nlike", "notnull", "null", "to");

    static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private static final String PREFIX = "searchCriteria";

    /** A sort direction, sent as {@code ASC} or {@code DESC}. */
    public enum Direction {
        ASC,
        DESC
    }

    /**
     * One condition on one field.
     *
     * @param field         the attribute code, such as {@code updated_at}
     * @param conditionType one of {@link #CONDITION_TYPES}, stored lower-case
     * @param value         the value as sent; comma-separated for {@code in}/{@code nin}; null for
     *                      {@code null}/{@code notnull}
     */
    public record Filter(String field, String conditionType, String value) {

        public Filter {
            checkField(field);
            conditionType = checkCondition(conditionType);
            String what = "Condition '" + conditionType + "' on field '" + field + "'";
            if (takesNoValue(conditionType) && value != null) {
                throw new IllegalArgumentException(what + " takes no value, but was given '" + value + "'");
            } else if (!takesNoValue(conditionType) && value == null) {
                throw new IllegalArgumentException(what + " needs a value");
            } else if (isList(conditionType) && value.isEmpty()) {
                throw new IllegalArgumentException(what + " needs at least one value");
            }
        }

        /**
         * A filter from a Java value: a {@link Collection} or array (for {@code in}/{@code nin}) is joined with
         * commas, anything else is sent as its {@code toString()}.
         */
        public static Filter of(String field, String conditionType, Object value) {
            String condition = checkCondition(conditionType);
            if (value instanceof Object[] array) {
                value = Arrays.asList(array);
            }
            if (value instanceof Collection<?> items) {
                if (!isList(condition)) {
                    throw new IllegalArgumentException("A list of values for field '" + field
                                                       + "' needs condition in or nin, not '" + condition + "'");
                }
                List<String> texts = new ArrayList<>();
                for (Object item : items) {
                    String text = Objects.requireNonNull(item, "null in the list of field " + field).toString();
                    if (text.indexOf(',') >= 0) {
                        // Commerce splits in-lists at commas, so this value would silently become two
                        throw new IllegalArgumentException("The list value '" + text + "' of field '" + field
                                                           + "' holds a comma, which Commerce reads as a separator");
                    }
                    texts.add(text);
                }
                return new Filter(field, condition, String.join(",", texts));
            }
            return new Filter(field, condition, value == null ? null : value.toString());
        }

        /** The filter in the filter language, such as {@code type_id eq 'simple'}. */
        @Override
        public String toString() {
            return value == null ? field + " " + conditionType : field + " " + conditionType + " " + quote(value);
        }
    }

    /**
     * One sort key.
     *
     * @param field     the attribute code
     * @param direction ascending or descending
     */
    public record SortOrder(String field, Direction direction) {

        public SortOrder {
            checkField(field);
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String toString() {
            return field + " " + direction;
        }
    }

    private final List<List<Filter>> filterGroups;
    private final List<SortOrder> sortOrders;
    private final Integer pageSize;
    private final Integer currentPage;

    private SearchCriteria(List<List<Filter>> filterGroups, List<SortOrder> sortOrders, Integer pageSize,
                           Integer currentPage) {
        this.filterGroups = filterGroups.stream().map(List::copyOf).toList();
        this.sortOrders = List.copyOf(sortOrders);
        this.pageSize = pageSize;
        this.currentPage = currentPage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The AND groups, each a non-empty list of OR-ed filters. */
    public List<List<Filter>> filterGroups() {
        return filterGroups;
    }

    public List<SortOrder> sortOrders() {
        return sortOrders;
    }

    /** The page size, or null when not set (Commerce then returns every match at once). */
    public Integer pageSize() {
        return pageSize;
    }

    /** The 1-based page, or null when not set. */
    public Integer currentPage() {
        return currentPage;
    }

    public SearchCriteria withPageSize(int size) {
        return new SearchCriteria(filterGroups, sortOrders, checkPageSize(size), currentPage);
    }

    public SearchCriteria withCurrentPage(int page) {
        return new SearchCriteria(filterGroups, sortOrders, pageSize, checkCurrentPage(page));
    }

    /** A copy with one more AND group, such as a consumer's watermark condition. */
    public SearchCriteria and(List<Filter> group) {
        List<List<Filter>> groups = new ArrayList<>(filterGroups);
        groups.add(checkGroup(group));
        return new SearchCriteria(groups, sortOrders, pageSize, currentPage);
    }

    /** A copy whose sort orders are replaced by the given ones. */
    public SearchCriteria withSortOrders(List<SortOrder> orders) {
        return new SearchCriteria(filterGroups, Objects.requireNonNull(orders, "orders"), pageSize, currentPage);
    }

    /**
     * The query parameters Commerce reads, names and values unencoded, in this order: filters (snake_case names as
     * Commerce documents them; no value for null/notnull), sort orders, page size, current page; indices from 0.
     */
    public List<Map.Entry<String, String>> toQueryParameters() {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (int i = 0; i < filterGroups.size(); i++) {
            List<Filter> group = filterGroups.get(i);
            for (int j = 0; j < group.size(); j++) {
                Filter f = group.get(j);
                String prefix = PREFIX + "[filter_groups][" + i + "][filters][" + j + "]";
                params.add(Map.entry(prefix + "[field]", f.field()));
                if (f.value() != null) {
                    params.add(Map.entry(prefix + "[value]", f.value()));
                }
                params.add(Map.entry(prefix + "[condition_type]", f.conditionType()));
            }
        }
        for (int k = 0; k < sortOrders.size(); k++) {
            params.add(Map.entry(PREFIX + "[sortOrders][" + k + "][field]", sortOrders.get(k).field()));
            params.add(Map.entry(PREFIX + "[sortOrders][" + k + "][direction]", sortOrders.get(k).direction().name()));
        }
        if (pageSize != null) {
            params.add(Map.entry(PREFIX + "[pageSize]", pageSize.toString()));
        }
        if (currentPage != null) {
            params.add(Map.entry(PREFIX + "[currentPage]", currentPage.toString()));
        }
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchCriteria other && filterGroups.equals(other.filterGroups)
               && sortOrders.equals(other.sortOrders) && Objects.equals(pageSize, other.pageSize)
               && Objects.equals(currentPage, other.currentPage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filterGroups, sortOrders, pageSize, currentPage);
    }

    /** The criteria in the filter language, then {@code sort}, {@code pageSize} and {@code currentPage}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!filterGroups.isEmpty()) {
            parts.add(filterGroups.stream()
                    .map(g -> g.size() == 1 ? g.get(0).toString()
                            : g.stream().map(Filter::toString).collect(Collectors.joining(" or ", "(", ")")))
                    .collect(Collectors.joining(" and ")));
        }
        if (!sortOrders.isEmpty()) {
            parts.add("sort " + sortOrders.stream().map(SortOrder::toString).collect(Collectors.joining(", ")));
        }
        if (pageSize != null) {
            parts.add("pageSize " + pageSize);
        }
        if (currentPage != null) {
            parts.add("currentPage " + currentPage);
        }
        return parts.isEmpty() ? "(all items)" : String.join(" ", parts);
    }

    /** Builds a {@link SearchCriteria}; every method validates at once, so an error points at the bad call. */
    public static final class Builder {

        private final List<List<Filter>> groups = new ArrayList<>();
        private final List<SortOrder> orders = new ArrayList<>();
        private Integer pageSize;
        private Integer currentPage;

        private Builder() {
        }

        /** Adds an AND group holding this one condition; see {@link Filter#of} for how the value is sent. */
        public Builder where(String field, String conditionType, Object value) {
            groups.add(List.of(Filter.of(field, conditionType, value)));
            return this;
        }

        /** Adds one AND group whose filters are OR-ed. */
        public Builder anyOf(Filter... filters) {
            groups.add(checkGroup(filters == null ? null : Arrays.asList(filters)));
            return this;
        }

        /**
         * Adds the groups of a filter-language expression.
         *
         * @throws FilterSyntaxException pointing at the column that does not parse
         */
        public Builder filter(String expression) {
            groups.addAll(FilterExpression.parse(expression));
            return this;
        }

        public Builder sortBy(String field, Direction direction) {
            orders.add(new SortOrder(field, direction));
            return this;
        }

        /**
         * Adds sort orders written as {@code updated_at asc, entity_id desc}; the direction is optional (ASC) and
         * case-insensitive.
         *
         * @throws FilterSyntaxException pointing at the column that does not parse
         */
        public Builder sortOrders(String text) {
            orders.addAll(FilterExpression.parseSortOrders(text));
            return this;
        }

        public Builder pageSize(int size) {
            pageSize = checkPageSize(size);
            return this;
        }

        /** The 1-based page. */
        public Builder currentPage(int page) {
            currentPage = checkCurrentPage(page);
            return this;
        }

        public SearchCriteria build() {
            return new SearchCriteria(groups, orders, pageSize, currentPage);
        }
    }

    static boolean takesNoValue(String conditionType) {
        return conditionType.equals("null") || conditionType.equals("notnull");
    }

    static boolean isList(String conditionType) {
        return conditionType.equals("in") || conditionType.equals("nin");
    }

    private static String quote(String value) {
        // doubling both quote and backslash makes toString() parse back to the same filter
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static void checkField(String field) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("Invalid field name '" + field + "': a field name is letters, digits, "
                                               + "'_' and '.', not starting with a digit");
        }
    }

    private static String checkCondition(String conditionType) {
        // List.of(...).contains(null) throws, hence the explicit null check
        String lower = conditionType == null ? null : conditionType.toLowerCase(Locale.ROOT);
        if (lower == null || !CONDITION_TYPES.contains(lower)) {
            throw new IllegalArgumentException("Unknown condition type '" + conditionType + "': accepted are "
                                               + String.join(", ", CONDITION_TYPES));
        }
        return lower;
    }

    private static List<Filter> checkGroup(List<Filter> group) {
        if (group == null || group.isEmpty() || group.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("A filter group needs at least one filter and no null filters");
        }
        return group;
    }

    private static Integer checkPageSize(int size) {
        return checkPositive(size, "pageSize must be at least 1, but was ");
    }

    private static Integer checkCurrentPage(int page) {
        return checkPositive(page, "currentPage is 1-based and must be at least 1, but was ");
    }

    private static Integer checkPositive(int value, String message) {
        if (value < 1) {
            throw new IllegalArgumentException(message + value);
        }
        return value;
    }
}
