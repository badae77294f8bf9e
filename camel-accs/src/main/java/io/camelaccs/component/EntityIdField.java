package io.camelaccs.component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field a search resource filters and sorts its entity id by, and where its items carry that id: what a keyset
 * walk pages by and what breaks ties in offset paging. Products, customers, categories and carts are searched by
 * {@code entity_id} but show it as {@code id}.
 *
 * @param field      the field the search filters and sorts on
 * @param itemFields where an item carries the id, in order of preference
 */
record EntityIdField(String field, List<String> itemFields) {

    private static final EntityIdField ENTITY_ID = new EntityIdField("entity_id", List.of("entity_id", "id"));

    /** Search resources whose entity id is known; any other needs option idField for a keyset walk. */
    private static final Map<String, EntityIdField> KNOWN = Map.ofEntries(
            Map.entry("/V1/products", ENTITY_ID),
            Map.entry("/V1/orders", ENTITY_ID),
            Map.entry("/V1/invoices", ENTITY_ID),
            Map.entry("/V1/creditmemos", ENTITY_ID),
            Map.entry("/V1/shipments", ENTITY_ID),
            Map.entry("/V1/returns", ENTITY_ID),
            Map.entry("/V1/customers/search", ENTITY_ID),
            Map.entry("/V1/categories/list", ENTITY_ID),
            Map.entry("/V1/carts/search", ENTITY_ID),
            Map.entry("/V1/orders/items", new EntityIdField("item_id", List.of("item_id"))),
            Map.entry("/V1/transactions", new EntityIdField("transaction_id", List.of("transaction_id"))));

    /**
     * The id field of a search: option idField when set (read from the item's field of that name, else {@code id} for
     * {@code entity_id}), else the resource's known one, else none (source items, for one, have no single id).
     */
    static Optional<EntityIdField> of(String path, String idOption) {
        if (idOption != null) {
            return Optional.of(idOption.equals("entity_id") ? ENTITY_ID : new EntityIdField(idOption, List.of(idOption)));
        }
        return Optional.ofNullable(KNOWN.get(path));
    }
}
