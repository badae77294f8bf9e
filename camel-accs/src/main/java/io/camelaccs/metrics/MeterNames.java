package io.camelaccs.metrics;

/**
 * The names of the component's meters, dotted and lower case as camel-micrometer names Camel's own
 * ({@code camel.exchanges.total}); a Prometheus registry shows {@code accs.requests} as {@code accs_requests_seconds_*}
 * and a counter {@code accs.retries} as {@code accs_retries_total}. docs/observability.md lists them with their tags.
 */
public final class MeterNames {

    /** Timer: each HTTP request to Commerce (retries and 401 replays included); tags method, resource, status. */
    public static final String REQUESTS = "accs.requests";
    /** Counter: retries after a 429, a 502/503/504 or an I/O error. */
    public static final String RETRIES = "accs.retries";
    /** Counter: 429 answers. */
    public static final String RATE_LIMITED = "accs.rate.limited";
    /** Counter: 401 answers. */
    public static final String UNAUTHORIZED = "accs.unauthorized";
    /** Counter: requests that ended in an I/O error or a 5xx after their retries. */
    public static final String FAILURES = "accs.failures";
    /** Counter: tokens fetched from IMS. */
    public static final String TOKEN_FETCHES = "accs.token.fetches";
    /** Counter: failed token requests. */
    public static final String TOKEN_FAILURES = "accs.token.failures";
    /** Counter: items an incremental consumer delivered (their exchanges completed). */
    public static final String CONSUMER_ITEMS = "accs.consumer.items";
    /** Gauge, seconds: how long ago an incremental consumer last walked to the end of the changes. */
    public static final String CONSUMER_LAG = "accs.consumer.lag";
    /** Counter: events an accs-events consumer received. */
    public static final String EVENTS_RECEIVED = "accs.events.received";
    /** Counter: events whose exchange completed. */
    public static final String EVENTS_DELIVERED = "accs.events.delivered";
    /** Counter: events whose exchange failed. */
    public static final String EVENTS_FAILED = "accs.events.failed";
    /** Counter: events recognised as already delivered. */
    public static final String EVENTS_DUPLICATES = "accs.events.duplicates";
    /** Counter: webhook deliveries refused before the route (bad signature, bad body, too large). */
    public static final String EVENTS_REJECTED = "accs.events.rejected";
    /** Gauge, seconds: how long ago a journal consumer last reached the end of the journal. */
    public static final String EVENTS_JOURNAL_LAG = "accs.events.journal.lag";

    private MeterNames() {
    }
}
