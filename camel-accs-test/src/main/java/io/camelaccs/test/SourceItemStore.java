package io.camelaccs.test;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated inventory: source items ({@code sku}, {@code source_code}, {@code quantity}, {@code status}), one per
 * SKU and source, thread-safe. Nodes handed out are copies.
 * <p>
 * Every save, through the REST API or these methods, publishes a stock item save event to the {@link EventJournal}
 * with the source item's fields; deleting a source item publishes none (Commerce has no observer event for it).
 */
public final class SourceItemStore {

    private final EntityTable table = new EntityTable();
    private final EventJournal events;

    SourceItemStore(EventJournal events) {
        this.events = events;
    }

    /** The number of source items. */
    public int size() {
        return table.size();
    }

    /** A copy of the source item of a SKU at a source, if there is one. */
    public Optional<ObjectNode> get(String sku, String sourceCode) {
        ObjectNode item = table.get(key(sku, sourceCode));
        return Optional.ofNullable(item == null ? null : item.deepCopy());
    }

    /** Copies of every source item of a SKU. */
    public List<ObjectNode> forSku(String sku) {
        return table.snapshot().stream().filter(i -> sku.equals(i.path("sku").asText())).map(ObjectNode::deepCopy)
                .toList();
    }

    /**
     * Sets the quantity and status of a SKU at a source, creating the source item when needed.
     *
     * @param status 1 in stock, 0 out of stock
     */
    public ObjectNode upsert(String sku, String sourceCode, double quantity, int status) {
        ObjectNode item = Json.object().put("sku", sku).put("source_code", sourceCode).put("quantity", quantity)
                .put("status", status);
        return upsert(item).deepCopy();
    }

    /** Deletes a source item; false when there was none. */
    public boolean delete(String sku, String sourceCode) {
        return table.remove(key(sku, sourceCode)) != null;
    }

    // ---- used by the resources ----

    List<ObjectNode> snapshot() {
        return table.snapshot();
    }

    /**
     * Upserts one item of a {@code sourceItems} request body.
     *
     * @throws CommerceException 400 when sku or source_code is missing
     */
    synchronized ObjectNode upsert(JsonNode item) {
        String sku = Json.textOrNull(item, "sku");
        String source = Json.textOrNull(item, "source_code");
        if (sku == null || sku.isEmpty()) {
            throw CommerceException.required("sku");
        }
        if (source == null || source.isEmpty()) {
            throw CommerceException.required("source_code");
        }
        ObjectNode saved = table.upsert(key(sku, source), (current, id) -> {
            ObjectNode stored = current == null ? Json.object().put("sku", sku).put("source_code", source)
                    .put("quantity", 0).put("status", 0) : current.deepCopy();
            if (item.has("quantity")) {
                stored.set("quantity", item.get("quantity"));
            }
            if (item.has("status")) {
                stored.set("status", item.get("status"));
            }
            return stored;
        });
        events.publish(CommerceEventFactory.STOCK_ITEM_SAVE, saved);
        return saved;
    }

    void deleteSku(String sku) {
        for (ObjectNode item : table.snapshot()) {
            if (sku.equals(item.path("sku").asText())) {
                table.remove(key(sku, item.path("source_code").asText()));
            }
        }
    }

    void load(List<ObjectNode> items) {
        table.load(items.stream().map(i -> key(i.path("sku").asText(), i.path("source_code").asText())).toList(),
                LongStream.rangeClosed(1, items.size()).boxed().toList(), items);
    }

    private static String key(String sku, String sourceCode) {
        // NUL cannot occur in either, so the pair is unambiguous
        return sku + '\u0000' + sourceCode;
    }
}
