package io.camelaccs.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelaccs.http.Call;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpReply;
import io.camelaccs.ims.TokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the operations of an asynchronous or bulk request: polls {@code GET /V1/bulk/{bulkUuid}/status} with a
 * growing pause until no operation is open (status 4) any more, then fails listing the failed ones (status 2, 3, 5).
 */
public final class BulkStatusPoller {

    private static final Logger LOG = LoggerFactory.getLogger(BulkStatusPoller.class);
    private static final int OPEN = 4;

    private final CommerceClient client;
    private final JsonBodies json;
    private final Duration firstPause;
    private final Duration longestPause;

    public BulkStatusPoller(CommerceClient client, JsonBodies json, Duration firstPause, Duration longestPause) {
        this.client = client;
        this.json = json;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /**
     * Polls until the bulk is done. The polls and the pauses between them go through the client's pipeline: no thread
     * waits between two polls, and a stop of the owner ends the wait at once.
     *
     * @return the final status body; failed with {@link AccsBulkException} when operations failed or the timeout passed
     *         first
     */
    public Call<Map<?, ?>> awaitAsync(String bulkUuid, String storeCode, TokenProvider tokens, Duration timeout,
                                      Calls owner) {
        CommerceRequest status = new CommerceRequest("GET", client.platform().bulkStatusPath(bulkUuid), List.of(), null,
                storeCode, List.of(), client.platform().displayName());
        Polls polls = new Polls(bulkUuid, timeout);
        return Call.start("waitForCompletion of bulk " + bulkUuid, timeout, client.scheduler(), owner,
                call -> client.sendAsync(status, tokens, owner).thenApply(reply -> read(reply, status, bulkUuid)),
                polls::judge);
    }

    /** The pause between polls grows by half each time, up to the longest; the last one ends at the deadline. */
    private final class Polls {

        private final String bulkUuid;
        private final Duration timeout;
        private Duration pause = firstPause;

        Polls(String bulkUuid, Duration timeout) {
            this.bulkUuid = bulkUuid;
            this.timeout = timeout;
        }

        Call.Decision judge(int poll, Map<?, ?> body, Throwable failure, Duration left) {
            if (failure != null) {
                return Call.Decision.finish();
            }
            List<?> operations = body.get("operations_list") instanceof List<?> l ? l : List.of();
            long expected = body.get("operation_count") instanceof Number n ? n.longValue() : operations.size();
            long open = operations.stream().filter(o -> status(o) == OPEN).count();
            if (open == 0 && operations.size() >= expected) {
                List<AccsBulkException.FailedOperation> failed = failed(operations);
                if (!failed.isEmpty()) {
                    return Call.Decision.fail(new AccsBulkException(bulkUuid, "Bulk " + bulkUuid + ": " + failed.size()
                                                                              + " of " + operations.size()
                                                                              + " operations failed", failed));
                }
                LOG.debug("Bulk {} complete after {} status polls", bulkUuid, poll);
                return Call.Decision.finish();
            }
            if (left.isNegative() || left.isZero()) {
                // not one operation moved: nothing works the queue (PaaS without cron or a consumer)
                String idle = open == expected ? client.platform().idleQueueAdvice() : null;
                return Call.Decision.fail(new AccsBulkException(bulkUuid, "Bulk " + bulkUuid + " not complete within "
                                                                          + timeout.toMillis() + " ms: " + open + " of "
                                                                          + expected + " operations still open"
                                                                          + (idle != null ? ": " + idle : ""),
                        failed(operations)));
            }
            LOG.debug("Bulk {}: {} of {} operations open; next status poll in {} ms", bulkUuid, open, expected,
                    pause.toMillis());
            // the last pause ends at the deadline, so the bulk gets its full time and one last look
            Duration next = pause.compareTo(left) < 0 ? pause : left;
            pause = pause.multipliedBy(3).dividedBy(2);
            if (pause.compareTo(longestPause) > 0) {
                pause = longestPause;
            }
            return Call.Decision.pause(next, "bulk " + bulkUuid + " to complete (" + open + " of " + expected
                                             + " operations open, next status poll in " + next.toMillis() + " ms)");
        }
    }

    private Map<?, ?> read(HttpReply reply, CommerceRequest status, String bulkUuid) {
        if (!reply.isSuccess()) {
            throw AccsApiException.of(reply, status, json);
        }
        if (!(json.fromJson(reply.body()) instanceof Map<?, ?> body)) {
            throw AccsApiException.of(reply, status, "the status of bulk " + bulkUuid + " is not a JSON object with"
                                                     + " an operations_list, but " + received(reply));
        }
        return body;
    }

    /** What a status answer held, for an error message: bounded, so a large HTML page does not flood the log. */
    private static String received(HttpReply reply) {
        String text = reply.bodyAsString();
        if (text == null || text.isEmpty()) {
            return "an empty body";
        }
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return "'" + shown.replaceAll("[\\r\\n]+", " ") + "'";
    }

    private static int status(Object operation) {
        return operation instanceof Map<?, ?> m && m.get("status") instanceof Number n ? n.intValue() : OPEN;
    }

    private static List<AccsBulkException.FailedOperation> failed(List<?> operations) {
        List<AccsBulkException.FailedOperation> failed = new ArrayList<>();
        for (Object o : operations) {
            int s = status(o);
            if (s == 2 || s == 3 || s == 5) {
                Map<?, ?> m = (Map<?, ?>) o;
                long id = m.get("id") instanceof Number n ? n.longValue() : -1;
                Object message = m.get("result_message");
                failed.add(new AccsBulkException.FailedOperation(id, s, message == null ? "" : message.toString()));
            }
        }
        return failed;
    }
}
