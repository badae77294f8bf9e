package io.camelaccs.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rows of one entity kind, in id order, with a unique key (a SKU, an order id). Rows are never modified once stored:
 * a write stores a new node, so readers (searches serializing thousands of rows) need no lock and never see a
 * half-written row; writers are serialized so that the id and the key index always agree.
 */
final class EntityTable {

    private final ConcurrentSkipListMap<Long, ObjectNode> rows = new ConcurrentSkipListMap<>();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private long lastId;

    /** The rows in id order, as they are at this moment. */
    List<ObjectNode> snapshot() {
        return new ArrayList<>(rows.values());
    }

    ObjectNode get(String key) {
        Long id = ids.get(key);
        return id == null ? null : rows.get(id);
    }

    int size() {
        return rows.size();
    }

    /** Bulk load at start; rows must be in id order with distinct keys. */
    synchronized void load(List<String> keys, List<Long> rowIds, List<ObjectNode> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            long id = rowIds.get(i);
            rows.put(id, nodes.get(i));
            ids.put(keys.get(i), id);
            lastId = Math.max(lastId, id);
        }
    }

    /**
     * Inserts or replaces the row of a key.
     *
     * @param change gets the current row (null when new) and the id the row has or will have, returns the row to store
     * @return the stored row
     */
    synchronized ObjectNode upsert(String key, RowChange change) {
        Long id = ids.get(key);
        long rowId = id == null ? lastId + 1 : id;
        ObjectNode stored = change.apply(id == null ? null : rows.get(id), rowId);
        if (stored == null) {
            return null;
        }
        rows.put(rowId, stored);
        if (id == null) {
            ids.put(key, rowId);
            lastId = rowId;
        }
        return stored;
    }

    /** Replaces an existing row; returns the new row, or null when the key is unknown. */
    synchronized ObjectNode update(String key, UnaryOperator<ObjectNode> change) {
        Long id = ids.get(key);
        if (id == null) {
            return null;
        }
        ObjectNode stored = change.apply(rows.get(id));
        rows.put(id, stored);
        return stored;
    }

    synchronized ObjectNode remove(String key) {
        Long id = ids.remove(key);
        return id == null ? null : rows.remove(id);
    }

    /** Computes a row from the current one and its id. */
    @FunctionalInterface
    interface RowChange {
        ObjectNode apply(ObjectNode current, long id);
    }
}
