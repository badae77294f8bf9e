package io.camelaccs.events;

import java.util.LinkedHashSet;
import java.util.Set;

/** Option eventTypes: the types delivered; none listed means every type. */
final class EventTypeFilter {

    private final Set<String> types = new LinkedHashSet<>();

    EventTypeFilter(String eventTypes) {
        if (eventTypes != null) {
            for (String t : eventTypes.split(",")) {
                if (!t.isBlank()) {
                    types.add(t.trim());
                }
            }
        }
    }

    boolean accepts(String type) {
        return types.isEmpty() || types.contains(type);
    }

    @Override
    public String toString() {
        return types.isEmpty() ? "all" : String.join(",", types);
    }
}
