package io.camelaccs.events;

import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.component.ConnectionOptions;
import io.camelaccs.ims.Masking;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Every option of the accs-events: component. The IMS and HTTP options left unset here are taken from the
 * {@code accs} component's configuration, so that one set of settings serves both components; the scopes default to
 * the accs scopes plus {@code adobeio_api}, which I/O Events calls need.
 */
@UriParams
public class AccsEventsConfiguration extends ConnectionOptions implements Cloneable {

    /** The scope I/O Events calls need besides the Commerce ones. */
    public static final String IO_EVENTS_SCOPE = "adobeio_api";
    public static final String DEFAULT_PUBLIC_KEY_BASE_URL = "https://static.adobeioevents.com";

    // who: unset means the accs component's value
    @UriParam(label = "security")
    private String scopes;
    @UriParam(label = "advanced,security", defaultValue = "accs")
    private String accsComponent = "accs";

    // journal
    @UriParam(label = "consumer,journal")
    private String journalUrl;
    @UriParam(label = "consumer,journal", defaultValue = "oldest")
    private String since = "oldest";
    @UriParam(label = "consumer,journal")
    private Integer limit;
    @UriParam(label = "consumer,journal")
    private String syncId;
    @UriParam(label = "consumer,journal")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer,journal", defaultValue = "1000", javaType = "java.time.Duration")
    private long retryDelay = 1000;
    @UriParam(label = "consumer,journal", defaultValue = "300000", javaType = "java.time.Duration")
    private long maxRetryDelay = 300_000;
    @UriParam(label = "consumer,journal", defaultValue = "300000", javaType = "java.time.Duration")
    private long maxRetryAfter = 300_000;

    // both consumers
    @UriParam(label = "consumer")
    private String eventTypes;
    @UriParam(label = "consumer", defaultValue = "5")
    private int failureThreshold = 5;
    @UriParam(label = "consumer")
    private IdempotentRepository idempotentRepository;

    // webhook
    @UriParam(label = "consumer,webhook", defaultValue = DEFAULT_PUBLIC_KEY_BASE_URL)
    private String publicKeyBaseUrl = DEFAULT_PUBLIC_KEY_BASE_URL;
    @UriParam(label = "consumer,webhook", defaultValue = "adobe.io")
    private String validationUrlHosts = "adobe.io";
    @UriParam(label = "consumer,webhook", defaultValue = "4194304")
    private long maxBodySize = 4L * 1024 * 1024;
    @UriParam(label = "consumer,webhook", defaultValue = "90000000", javaType = "java.time.Duration")
    private long replayWindow = 25L * 60 * 60 * 1000;

    public String getScopes() {
        return scopes;
    }

    /**
     * Comma-separated IMS scopes; must include adobeio_api. Default: the accs component's scopes plus adobeio_api.
     * When the accs scopes already include adobeio_api, both components share one token.
     */
    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getAccsComponent() {
        return accsComponent;
    }

    /**
     * The name of the accs component whose settings fill the unset IMS and HTTP options and whose token caches are
     * shared (accsEu, accsUs, ... when there are several).
     */
    public void setAccsComponent(String accsComponent) {
        this.accsComponent = accsComponent;
    }

    public String getJournalUrl() {
        return journalUrl;
    }

    /**
     * Journal: the registration's journaling endpoint from the Developer Console, such as
     * https://events-va6.adobe.io/events/organizations/ORG/integrations/CREDENTIAL/REGISTRATION. Must be https (http only
     * to a loopback host, for tests).
     */
    public void setJournalUrl(String journalUrl) {
        // decoded once if it arrives encoded (https%3A%2F%2F...), as Camel's own Pipe loader passes a Pipe property
        this.journalUrl = EncodedUrl.decodeOnce(journalUrl);
    }

    public String getSince() {
        return since;
    }

    /**
     * Journal: where to start when the state repository holds no position yet: oldest (the oldest event the journal
     * keeps), latest (only events from now on) or a negative ISO-8601 duration such as -PT2H.
     */
    public void setSince(String since) {
        this.since = since;
    }

    public Integer getLimit() {
        return limit;
    }

    /**
     * Journal: the most events one journal response holds (sent as limit). Default: the journal's own.
     */
    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public String getSyncId() {
        return syncId;
    }

    /**
     * Journal: names the position in the state repository; the key is accs-events:SYNCID:HASH, where HASH is a short
     * hash of journalUrl, so that a syncId reused for another registration never starts from a foreign position. A
     * position stored by an earlier version under accs-events:SYNCID is read once and moved to the new key. Default:
     * the route id.
     */
    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    /**
     * Journal: where the position is kept (a Camel StateRepository such as FileStateRepository, or any bean). Default:
     * in memory (a restart starts again from since).
     */
    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /**
     * Journal: after a 429, a 5xx or an I/O error, the pause before the next request when the journal names none, and
     * after a failed exchange, the pause before its event is delivered again; it doubles with each failure in a row,
     * with jitter, up to maxRetryDelay.
     */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    /**
     * Journal: the longest pause between requests after failures in a row.
     */
    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public long getMaxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * Journal: the longest pause a journal's retry-after (on a caught-up 204, a 429 or a 5xx) is honoured for; a longer
     * one is cut to this, so that a wrong header cannot stop the consumer for days.
     */
    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    /**
     * Comma-separated event types to deliver, such as
     * com.adobe.commerce.observer.catalog_product_delete_commit_after; other events are skipped (the journal position
     * still moves past them). Default: every type.
     */
    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    /**
     * How many failures in a row turn the consumer's health check DOWN: failed journal polls, or failed exchanges of
     * the same event (a poison event the journal cannot move past). A poll that timed out waiting (tokenTimeout,
     * readTimeout) or a stored position the journal refuses is DOWN at once. The webhook's check reports such an event
     * but stays UP: Adobe's retries could not reach a pod taken out of service.
     */
    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    /**
     * Where the ids of completed events are remembered, so that an event delivered twice reaches the route once; an id
     * is added only once its exchange succeeded. Consumers of this application on the same repository bean also share
     * the ids of running events (a retry of one gets 429, the journal waits for it); other processes do not see those,
     * and run such an event too, unless the repository is a SharedEventRepository (running ids as leases every pod
     * sees). Default: in memory, the last 10 000 ids.
     */
    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getPublicKeyBaseUrl() {
        return publicKeyBaseUrl;
    }

    /**
     * Webhook: where the public keys that sign deliveries are fetched: this URL followed by the
     * x-adobe-public-key1-path or -key2-path header (only paths under /prod/keys/ or /stage/keys/), never another host.
     * Must be https (http only to a loopback host). Change it only for tests.
     */
    public void setPublicKeyBaseUrl(String publicKeyBaseUrl) {
        this.publicKeyBaseUrl = publicKeyBaseUrl;
    }

    public String getValidationUrlHosts() {
        return validationUrlHosts;
    }

    /**
     * Webhook: comma-separated hosts (a host or its subdomains) a registration's validationUrl may point at; any
     * other validationUrl is not fetched.
     */
    public void setValidationUrlHosts(String validationUrlHosts) {
        this.validationUrlHosts = validationUrlHosts;
    }

    public long getMaxBodySize() {
        return maxBodySize;
    }

    /**
     * Webhook: the largest request body read, in bytes (Adobe's batches are at most 2 MB); a larger one is answered
     * 413, at once from its Content-Length when it has one. The HTTP engine may read a body before the route sees it:
     * set the engine's own limit too (camel.server.maxBodySize on Vert.x).
     */
    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public long getReplayWindow() {
        return replayWindow;
    }

    /**
     * Webhook: an event whose time is older than this is refused (400) as a replay of a captured delivery: a signature
     * stays valid for ever, but Adobe retries a delivery for 24 hours only, so the default (25 hours) refuses nothing
     * Adobe sends. Keep the idempotentRepository's memory at least this long.
     */
    public void setReplayWindow(long replayWindow) {
        this.replayWindow = replayWindow;
    }

    /**
     * The accs settings these options complete: a copy of {@code accs} with every option set here laid over it, and
     * adobeio_api added to the scopes when they come from accs.
     */
    AccsConfiguration overlay(AccsConfiguration accs) {
        AccsConfiguration c = accs.copy();
        overlayOnto(c);
        c.setScopes(scopes != null ? scopes : withIoEventsScope(c.getScopes()));
        return c;
    }

    static String withIoEventsScope(String scopes) {
        if (scopes == null || scopes.isBlank()) {
            return IO_EVENTS_SCOPE;
        }
        for (String s : scopes.split(",")) {
            if (s.trim().equals(IO_EVENTS_SCOPE)) {
                return scopes;
            }
        }
        return scopes + "," + IO_EVENTS_SCOPE;
    }

    public AccsEventsConfiguration copy() {
        try {
            return (AccsEventsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // names what the configuration points at, never what authenticates it
        return "AccsEventsConfiguration[journalUrl=" + journalUrl + ", clientId=" + Masking.clientId(getClientId())
               + ", accsComponent=" + accsComponent + ", eventTypes=" + eventTypes + "]";
    }
}
