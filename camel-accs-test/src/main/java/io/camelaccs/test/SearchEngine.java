package io.camelaccs.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs a {@link SearchQuery} over the items of a store, as Commerce's search repositories do: AND of the groups, OR
 * inside a group, then the sort orders (ties keep the entity id order, which is what MySQL returns in practice), then
 * the page. Without a page size every match is returned; a page past the last one is empty, or, with the last-page
 * quirk of older Commerce versions on, the last page again.
 */
final class SearchEngine {

    private final boolean lastPageQuirk;

    SearchEngine(boolean lastPageQuirk) {
        this.lastPageQuirk = lastPageQuirk;
    }

    /**
     * @param items the candidates in entity id order; not modified
     * @param view  turns a stored item into what the response shows (store-specific values); must not modify its input
     * @return {@code {"items": [...], "search_criteria": {...}, "total_count": n}}
     */
    ObjectNode search(List<? extends JsonNode> items, SearchQuery query, UnaryOperator<JsonNode> view) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode item : items) {
            if (matches(item, query)) {
                matches.add(item);
            }
        }
        if (!query.sortOrders().isEmpty()) {
            matches.sort(comparator(query.sortOrders())); // stable: ties stay in id order
        }
        int total = matches.size();
        List<JsonNode> page = page(matches, query.pageSize(), query.currentPage());
        ObjectNode result = Json.object();
        ArrayNode out = result.putArray("items");
        for (JsonNode item : page) {
            out.add(view.apply(item));
        }
        result.set("search_criteria", query.echo());
        result.put("total_count", total);
        return result;
    }

    private static boolean matches(JsonNode item, SearchQuery query) {
        for (List<Condition> group : query.groups()) {
            boolean any = false;
            for (Condition condition : group) {
                if (condition.test(item)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private List<JsonNode> page(List<JsonNode> matches, Integer pageSize, Integer currentPage) {
        if (pageSize == null || pageSize == 0) {
            return matches; // Commerce applies no LIMIT then
        }
        int page = currentPage == null || currentPage < 1 ? 1 : currentPage;
        int lastPage = Math.max(1, (matches.size() + pageSize - 1) / pageSize);
        if (page > lastPage) {
            if (!lastPageQuirk) {
                return List.of();
            }
            page = lastPage;
        }
        int from = (int) Math.min((long) (page - 1) * pageSize, matches.size());
        int to = (int) Math.min((long) from + pageSize, matches.size());
        return matches.subList(from, to);
    }

    private static Comparator<JsonNode> comparator(List<SearchQuery.Sort> sorts) {
        Comparator<JsonNode> result = null;
        for (SearchQuery.Sort sort : sorts) {
            Comparator<JsonNode> one = (a, b) -> compareValues(FieldLookup.value(a, sort.field()),
                    FieldLookup.value(b, sort.field()));
            if (!sort.ascending()) {
                one = one.reversed();
            }
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }

    /** NULL sorts first ascending, as in MySQL. */
    private static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Condition.compare(FieldLookup.text(a), FieldLookup.text(b));
    }
}
