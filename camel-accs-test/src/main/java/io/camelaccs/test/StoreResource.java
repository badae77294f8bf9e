package io.camelaccs.test;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code /V1/store/storeViews}, and the rule for the {@code Store} header: {@code all}, {@code admin} and the
 * configured store view codes are accepted, anything else is refused.
 */
final class StoreResource {

    static final String ACL = "Magento_Backend::store";

    private final List<String> storeViews;

    StoreResource(List<String> storeViews) {
        this.storeViews = List.copyOf(storeViews);
    }

    List<Route> routes() {
        return List.of(new Route("GET", "V1/store/storeViews", ACL, this::storeViews));
    }

    /** @throws CommerceException 400 for an unknown store code */
    void checkStoreCode(String storeCode) {
        if (storeCode != null && !storeCode.equals("all") && !storeCode.equals("admin")
            && !storeViews.contains(storeCode)) {
            throw new CommerceException(400,
                    "The store that was requested wasn't found. Verify the store and try again.");
        }
    }

    private JsonNode storeViews(ApiRequest request) {
        ArrayNode views = Json.array();
        views.addObject().put("id", 0).put("code", "admin").put("name", "Admin").put("website_id", 0)
                .put("store_group_id", 0).put("is_active", 1);
        for (int i = 0; i < storeViews.size(); i++) {
            String code = storeViews.get(i);
            views.addObject().put("id", i + 1).put("code", code)
                    .put("name", code.equals("default") ? "Default Store View"
                            : code.toUpperCase(Locale.ROOT) + " Store View")
                    .put("website_id", 1).put("store_group_id", 1).put("is_active", 1);
        }
        return views;
    }
}
