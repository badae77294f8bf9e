package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated message queue behind {@code /V1/async/...} and {@code /V1/async/bulk/...}: each request becomes a bulk
 * of operations, applied through the same handlers as the synchronous calls, in the background after a short delay
 * or, at the latest, when the bulk's status is polled the second time.
 * <p>
 * The first status poll of a bulk always reports its operations open (status 4), whatever the background did, so
 * that every client has to poll at least twice; from the second poll on, the real outcome: 1 complete, 2 failed
 * (retriable: a server-side error), 3 failed (the operation must change, such as a product without SKU), 5 rejected
 * (the element was not even an object).
 */
public final class BulkQueue {

    static final int COMPLETE = 1;
    static final int RETRIABLY_FAILED = 2;
    static final int NOT_RETRIABLY_FAILED = 3;
    static final int OPEN = 4;
    static final int REJECTED = 5;

    private static final Logger LOG = LoggerFactory.getLogger(BulkQueue.class);

    /** One operation as submitted: its path parameters and body, or why it was rejected at once. */
    record Submitted(Map<String, String> params, JsonNode body, String rejection) {
    }

    private static final class Operation {
        final int id;
        final Submitted submitted;
        final String dataHash;
        volatile int status;
        volatile String resultMessage;
        volatile Integer errorCode;

        Operation(int id, Submitted submitted) {
            this.id = id;
            this.submitted = submitted;
            this.dataHash = sha256(submitted.body());
            this.status = submitted.rejection() == null ? OPEN : REJECTED;
            this.resultMessage = submitted.rejection();
        }
    }

    private static final class Bulk {
        final String uuid;
        final Route route;
        final String storeCode;
        final String startTime;
        final List<Operation> operations;
        final AtomicInteger polls = new AtomicInteger();
        boolean applied; // guarded by this

        Bulk(String uuid, Route route, String storeCode, String startTime, List<Operation> operations) {
            this.uuid = uuid;
            this.route = route;
            this.storeCode = storeCode;
            this.startTime = startTime;
            this.operations = operations;
        }

        String topic() {
            return "async.V1" + route.template().substring(3).replace('/', '.').replace("{", "").replace("}", "")
                   + "." + route.method();
        }
    }

    private final Map<String, Bulk> bulks = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final AtomicLong serial = new AtomicLong();
    private final long seed;
    private final Clock clock;
    private final Duration delay;
    private volatile boolean consumersStopped;
    private final ScheduledExecutorService executor;

    /**
     * @param delay how long after submission the background applies a bulk; null to apply only when polled or asked
     */
    BulkQueue(long seed, Clock clock, Duration delay) {
        this.seed = seed;
        this.clock = clock;
        this.delay = delay;
        this.executor = delay == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "accs-simulator-bulk");
            t.setDaemon(true);
            return t;
        });
    }

    /** The number of bulks (an asynchronous call is a bulk of one) submitted so far. */
    public int size() {
        return order.size();
    }

    /** The bulk UUIDs in submission order. */
    public List<String> uuids() {
        return List.copyOf(order);
    }

    /** The number of operations not applied yet. */
    public int pendingOperations() {
        int pending = 0;
        for (Bulk bulk : bulks.values()) {
            synchronized (bulk) {
                if (!bulk.applied) {
                    pending += (int) bulk.operations.stream().filter(o -> o.status == OPEN).count();
                }
            }
        }
        return pending;
    }

    /**
     * Whether a queue consumer processes the bulks (default true). False leaves every operation open however often
     * the status is polled, as a PaaS shop where neither cron nor {@code bin/magento queue:consumers:start} runs the
     * consumers; true again lets the next poll or {@link #processAll()} apply them.
     */
    public BulkQueue consumersRunning(boolean running) {
        this.consumersStopped = !running;
        return this;
    }

    /** Applies every pending operation now. */
    public void processAll() {
        for (String uuid : order) {
            apply(bulks.get(uuid));
        }
    }

    /**
     * A bulk's current status as {@code GET /V1/bulk/{uuid}/status} would show it from the second poll on (open for
     * operations not applied yet), without counting as a poll.
     */
    public Optional<ObjectNode> status(String uuid) {
        Bulk bulk = bulks.get(uuid);
        return Optional.ofNullable(bulk == null ? null : shortStatus(bulk, false));
    }

    // ---- used by the resources ----

    /** Queues a bulk and returns the acceptance Commerce answers with. */
    ObjectNode submit(Route route, List<Submitted> submitted, String storeCode) {
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < submitted.size(); i++) {
            operations.add(new Operation(i, submitted.get(i)));
        }
        String uuid = UUID.nameUUIDFromBytes(("accs-bulk:" + seed + ":" + serial.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Bulk bulk = new Bulk(uuid, route, storeCode, SimulatorTime.format(clock.instant()), operations);
        bulks.put(uuid, bulk);
        order.add(uuid);
        LOG.debug("Bulk {} queued: {} operations of {}", uuid, operations.size(), route);
        if (executor != null && !executor.isShutdown()) {
            executor.schedule(() -> apply(bulk), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        ObjectNode accepted = Json.object().put("bulk_uuid", uuid);
        ArrayNode items = accepted.putArray("request_items");
        boolean errors = false;
        for (Operation op : operations) {
            ObjectNode item = items.addObject().put("id", op.id).put("data_hash", op.dataHash);
            if (op.status == REJECTED) {
                item.put("status", "rejected").put("error_message", op.resultMessage);
                errors = true;
            } else {
                item.put("status", "accepted");
            }
        }
        accepted.put("errors", errors);
        return accepted;
    }

    /** {@code GET /V1/bulk/{uuid}/status}: counts as a poll. */
    ObjectNode poll(String uuid) {
        Bulk bulk = find(uuid);
        boolean first = bulk.polls.incrementAndGet() == 1;
        if (!first) {
            apply(bulk);
        }
        return shortStatus(bulk, first);
    }

    /** {@code GET /V1/bulk/{uuid}/detailed-status}: counts as a poll. */
    ObjectNode pollDetailed(String uuid) {
        Bulk bulk = find(uuid);
        boolean first = bulk.polls.incrementAndGet() == 1;
        if (!first) {
            apply(bulk);
        }
        ObjectNode status = header(bulk);
        ArrayNode list = status.putArray("operations_list");
        for (Operation op : bulk.operations) {
            int shown = shownStatus(op, first);
            ObjectNode o = list.addObject().put("id", op.id).put("bulk_uuid", bulk.uuid).put("topic_name", bulk.topic())
                    .put("serialized_data",
                            Json.text(op.submitted.body() == null ? Json.object() : op.submitted.body()));
            o.putNull("result_serialized_data");
            o.put("status", shown);
            putResult(o, op, shown);
        }
        return status;
    }

    /** {@code GET /V1/bulk/{uuid}/operation-status/{status}}: how many operations have that status now. */
    int count(String uuid, int status) {
        Bulk bulk = find(uuid);
        return (int) bulk.operations.stream().filter(o -> shownStatus(o, bulk.polls.get() <= 1) == status).count();
    }

    void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private Bulk find(String uuid) {
        Bulk bulk = bulks.get(uuid);
        if (bulk == null) {
            throw new CommerceException(404, "Bulk uuid %bulkUuid not exist",
                    Json.object().put("bulkUuid", uuid));
        }
        return bulk;
    }

    private ObjectNode shortStatus(Bulk bulk, boolean pretendOpen) {
        ObjectNode status = Json.object();
        ArrayNode list = status.putArray("operations_list");
        for (Operation op : bulk.operations) {
            int shown = shownStatus(op, pretendOpen);
            ObjectNode o = list.addObject().put("id", op.id).put("status", shown);
            putResult(o, op, shown);
        }
        status.setAll(header(bulk));
        return status;
    }

    private static ObjectNode header(Bulk bulk) {
        ObjectNode header = Json.object().put("user_type", 2).put("bulk_id", bulk.uuid)
                .put("description", "Topic " + bulk.topic()).put("start_time", bulk.startTime);
        header.putNull("user_id");
        header.put("operation_count", bulk.operations.size());
        return header;
    }

    private static int shownStatus(Operation op, boolean pretendOpen) {
        return pretendOpen && op.status != REJECTED ? OPEN : op.status;
    }

    private static void putResult(ObjectNode o, Operation op, int shown) {
        if (shown == OPEN) {
            o.putNull("result_message");
            o.putNull("error_code");
        } else {
            o.put("result_message", op.resultMessage);
            if (op.errorCode == null) {
                o.putNull("error_code");
            } else {
                o.put("error_code", op.errorCode);
            }
        }
    }

    private void apply(Bulk bulk) {
        if (consumersStopped) {
            return;
        }
        synchronized (bulk) {
            if (bulk.applied) {
                return;
            }
            for (Operation op : bulk.operations) {
                if (op.status == OPEN) {
                    run(bulk, op);
                }
            }
            bulk.applied = true;
        }
    }

    private static void run(Bulk bulk, Operation op) {
        ApiRequest request = new ApiRequest(bulk.route.method(), op.submitted.params(), Map.of(), op.submitted.body(),
                bulk.storeCode);
        try {
            bulk.route.handler().handle(request);
            op.resultMessage = "Service execution success " + bulk.route;
            op.status = COMPLETE;
        } catch (CommerceException e) {
            op.resultMessage = e.renderedMessage();
            op.errorCode = e.status();
            op.status = e.status() >= 500 ? RETRIABLY_FAILED : NOT_RETRIABLY_FAILED;
        } catch (RuntimeException e) {
            LOG.warn("Bulk {} operation {} failed unexpectedly", bulk.uuid, op.id, e);
            op.resultMessage = "Internal error: " + e.getClass().getSimpleName();
            op.errorCode = 500;
            op.status = RETRIABLY_FAILED;
        }
    }

    private static String sha256(JsonNode body) {
        try {
            byte[] data = body == null ? new byte[0] : Json.bytes(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
