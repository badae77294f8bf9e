package io.camelaccs.component;

import java.util.Map;

import io.camelaccs.rest.Operation;
import org.apache.camel.util.URISupport;

/**
 * Options that each make sense but not together, refused when the endpoint is created (or its consumer), not at the
 * first request: they would otherwise page wrongly or be silently ignored.
 */
final class OptionCombinations {

    private OptionCombinations() {
    }

    /**
     * @param operation the catalog's operation, or null when not validated
     * @param raw       the pass-through options (path parameters and query parameters)
     */
    static void checkEndpoint(AccsEndpointConfiguration conf, AccsMethod method, String path, AccsMode mode, Operation operation,
                              Map<String, String> raw) {
        if (conf.hasSearchOptions() && operation != null && !operation.search()) {
            throw new IllegalArgumentException("Options filter, sortOrders, currentPage and fetchAll apply to search"
                                               + " operations only, and " + operation.describe() + " is not one");
        }
        if (conf.isFetchAll() && method != AccsMethod.GET) {
            throw new IllegalArgumentException("Option fetchAll applies to GET search operations, not to " + method + " "
                                               + path);
        }
        if (mode != AccsMode.SYNC && method == AccsMethod.GET) {
            throw new IllegalArgumentException("Option mode=" + conf.getMode() + " applies to writes (post, put,"
                                               + " delete), not to GET " + path);
        }
        if (conf.isFetchAll() && (raw.containsKey("searchCriteria[pageSize]")
                                  || raw.containsKey("searchCriteria[currentPage]"))) {
            throw new IllegalArgumentException("Option fetchAll pages by itself: use option pageSize instead of raw"
                                               + " searchCriteria[pageSize], and no searchCriteria[currentPage]");
        }
        if (raw.keySet().stream().anyMatch(k -> k.startsWith("searchCriteria[filter_groups]")
                                            || k.startsWith("searchCriteria[filterGroups]"))
                && (conf.getFilter() != null || conf.getIncrementalField() != null)) {
            throw new IllegalArgumentException("Raw searchCriteria[filter_groups] options cannot be combined with options"
                                               + " filter or incrementalField: their filter groups would share indices."
                                               + " Write the whole filter with option filter instead");
        }
        if (conf.isWaitForCompletion() && mode == AccsMode.SYNC) {
            throw new IllegalArgumentException("Option waitForCompletion needs mode=async or mode=bulk");
        }
    }

    static void checkConsumer(AccsEndpointConfiguration conf, AccsMethod method, AccsMode mode, Operation operation,
                              Map<String, String> raw, String uri) {
        if (method != AccsMethod.GET || conf.getIncrementalField() == null) {
            throw new IllegalArgumentException("An accs consumer polls a GET search operation incrementally: use"
                                               + " from(\"accs:get:/V1/<search resource>?incrementalField=updated_at\"),"
                                               + " not " + URISupport.sanitizeUri(uri));
        }
        if (operation != null && !operation.search()) {
            throw new IllegalArgumentException("An accs consumer needs a search operation, and " + operation.describe()
                                               + " is not one");
        }
        if (conf.isFetchAll() || conf.getSortOrders() != null || mode != AccsMode.SYNC || conf.getOutputClass() != null
                || conf.isRawResponse() || raw.keySet().stream().anyMatch(k -> k.startsWith("searchCriteria["))) {
            throw new IllegalArgumentException("Options fetchAll, sortOrders, mode, outputClass, rawResponse and raw"
                                               + " searchCriteria[...] do not apply to an accs consumer: it pages by"
                                               + " keyset, sorted by incrementalField then idField, and delivers items"
                                               + " as Maps (use filter to narrow the search)");
        }
    }
}
