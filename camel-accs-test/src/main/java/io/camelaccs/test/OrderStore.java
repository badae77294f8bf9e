package io.camelaccs.test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The simulated sales orders by {@code entity_id}, thread-safe. Nodes handed out are copies. */
public final class OrderStore {

    private final EntityTable table = new EntityTable();
    private final Clock clock;

    OrderStore(Clock clock) {
        this.clock = clock;
    }

    /** The number of orders. */
    public int size() {
        return table.size();
    }

    /** A copy of the order with this entity id, if there is one. */
    public Optional<ObjectNode> get(long entityId) {
        ObjectNode order = table.get(Long.toString(entityId));
        return Optional.ofNullable(order == null ? null : order.deepCopy());
    }

    /**
     * Changes an order and bumps its {@code updated_at}, as an order workflow step would (so an incremental sync
     * sees it again).
     *
     * @return a copy of the changed order, or empty when there is no such order
     */
    public Optional<ObjectNode> update(long entityId, Consumer<ObjectNode> change) {
        ObjectNode updated = table.update(Long.toString(entityId), current -> {
            ObjectNode copy = current.deepCopy();
            change.accept(copy);
            copy.put("entity_id", entityId);
            copy.put("updated_at", SimulatorTime.format(clock.instant()));
            return copy;
        });
        return Optional.ofNullable(updated == null ? null : updated.deepCopy());
    }

    /** Sets an order's status (and bumps {@code updated_at}). */
    public Optional<ObjectNode> setStatus(long entityId, String status) {
        return update(entityId, order -> order.put("status", status));
    }

    // ---- used by the resources ----

    List<ObjectNode> snapshot() {
        return table.snapshot();
    }

    ObjectNode find(long entityId) {
        return table.get(Long.toString(entityId));
    }

    void load(List<ObjectNode> orders) {
        table.load(orders.stream().map(o -> o.path("entity_id").asText()).toList(),
                orders.stream().map(o -> o.path("entity_id").asLong()).toList(), orders);
    }
}
