package io.camelaccs.component.springboot;

import io.camelaccs.events.AccsEventsConfiguration;
import io.camelaccs.ims.AuthenticationType;
import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every option of the accs-events: component, bound from {@code camel.component.accs-events.*} (relaxed binding: client-id,
 * clientId and CAMEL_COMPONENT_ACCSEVENTS_CLIENTID all work). Only the options that are set reach the component: its
 * own defaults, listed in the configuration metadata, apply to the rest.
 * <p>
 * Generated from accs-events.json by StarterSourceGenerator (test sources) - do not edit by hand.
 */
@ConfigurationProperties(prefix = "camel.component.accs-events")
public class AccsEventsComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the accs-events component. This is enabled by default.
     */
    private Boolean enabled;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * The component's configuration: every endpoint starts from a copy of it.
     */
    private AccsEventsConfiguration configuration;
    /**
     * Comma-separated event types to deliver, such as com.adobe.commerce.observer.catalog_product_delete_commit_after;
     * other events are skipped (the journal position still moves past them). Default: every type.
     */
    private String eventTypes;
    /**
     * How many failures in a row turn the consumer's health check DOWN: failed journal polls, or failed exchanges of
     * the same event (a poison event the journal cannot move past). A poll that timed out waiting (tokenTimeout,
     * readTimeout) or a stored position the journal refuses is DOWN at once. The webhook's check reports such an event
     * but stays UP: Adobe's retries could not reach a pod taken out of service.
     */
    private Integer failureThreshold;
    /**
     * Where the ids of completed events are remembered, so that an event delivered twice reaches the route once; an id
     * is added only once its exchange succeeded. Consumers of this application on the same repository bean also share
     * the ids of running events (a retry of one gets 429, the journal waits for it); other processes do not see those,
     * and run such an event too, unless the repository is a SharedEventRepository (running ids as leases every pod
     * sees). Default: in memory, the last 10 000 ids.
     */
    private IdempotentRepository idempotentRepository;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * Timeout to establish a connection to Commerce, IMS, the journal or the key server. On accs-events, unset means
     * the accs component's.
     */
    private Duration connectTimeout;
    /**
     * Timeout waiting for response data from Commerce, IMS, the journal or the key server. A POST whose answer did not
     * come in time is not retried unless retryNonIdempotent=true: Commerce may have processed it. On accs-events,
     * unset means the accs component's.
     */
    private Duration readTimeout;
    /**
     * Journal: the registration's journaling endpoint from the Developer Console, such as
     * https://events-va6.adobe.io/events/organizations/ORG/integrations/CREDENTIAL/REGISTRATION. Must be https (http
     * only to a loopback host, for tests).
     */
    private String journalUrl;
    /**
     * Journal: the most events one journal response holds (sent as limit). Default: the journal's own.
     */
    private Integer limit;
    /**
     * Journal: the longest pause a journal's retry-after (on a caught-up 204, a 429 or a 5xx) is honoured for; a
     * longer one is cut to this, so that a wrong header cannot stop the consumer for days.
     */
    private Duration maxRetryAfter;
    /**
     * Journal: the longest pause between requests after failures in a row.
     */
    private Duration maxRetryDelay;
    /**
     * Journal: after a 429, a 5xx or an I/O error, the pause before the next request when the journal names none, and
     * after a failed exchange, the pause before its event is delivered again; it doubles with each failure in a row,
     * with jitter, up to maxRetryDelay.
     */
    private Duration retryDelay;
    /**
     * Journal: where to start when the state repository holds no position yet: oldest (the oldest event the journal
     * keeps), latest (only events from now on) or a negative ISO-8601 duration such as -PT2H.
     */
    private String since;
    /**
     * Journal: where the position is kept (a Camel StateRepository such as FileStateRepository, or any bean). Default:
     * in memory (a restart starts again from since).
     */
    private StateRepository<String, String> stateRepository;
    /**
     * Journal: names the position in the state repository; the key is accs-events:SYNCID:HASH, where HASH is a short
     * hash of journalUrl, so that a syncId reused for another registration never starts from a foreign position. A
     * position stored by an earlier version under accs-events:SYNCID is read once and moved to the new key. Default:
     * the route id.
     */
    private String syncId;
    /**
     * With ACCESS_TOKEN: the access token to send. On accs:, the message header CamelAccsAccessToken overrides it per
     * exchange; with INTEGRATION (platform=PAAS), the integration's access token, which no header overrides; on
     * accs-events, unset means the accs component's.
     */
    private String accessToken;
    /**
     * The name of the accs component whose settings fill the unset IMS and HTTP options and whose token caches are
     * shared (accsEu, accsUs, ... when there are several).
     */
    private String accsComponent;
    /**
     * How the component authenticates: CLIENT_CREDENTIALS (server-to-server, the default), REFRESH_TOKEN (user
     * authentication, a refresh token exchanged for access tokens) or ACCESS_TOKEN (a token supplied by the caller,
     * never refreshed); with platform=PAAS on accs:, INTEGRATION (an integration's OAuth 1.0a credentials) or
     * ADMIN_TOKEN (an Admin user's token, renewed). On accs-events, unset means the accs component's.
     */
    private AuthenticationType authenticationType;
    /**
     * The client id (API key) of the Adobe Developer Console credential; sent as x-api-key, and compared with each I/O
     * Events webhook event's recipient_client_id. On accs-events, unset means the accs component's.
     */
    private String clientId;
    /**
     * The client secret of the credential. Wrap it in RAW(...) in a URI, or use a property placeholder: a plus sign in
     * a plain URI value becomes a space. On accs-events, unset means the accs component's.
     */
    private String clientSecret;
    /**
     * The Adobe IMS base URL; tokens are requested from its /ims/token/v3 path. On accs-events, unset means the accs
     * component's.
     */
    private String imsUrl;
    /**
     * The IMS organization id (ending in AdobeOrg); sent to Commerce as x-gw-ims-org-id when set, and to I/O Events as
     * x-ims-org-id (the journal needs it). On accs-events, unset means the accs component's.
     */
    private String orgId;
    /**
     * Comma-separated IMS scopes; must include adobeio_api. Default: the accs component's scopes plus adobeio_api.
     * When the accs scopes already include adobeio_api, both components share one token.
     */
    private String scopes;
    /**
     * How long an exchange or a journal poll waits for a token being fetched from IMS (after startup, or once the last
     * one expired) before it fails with an error saying so, and health goes DOWN; the wait holds no thread. On
     * accs-events, unset means the accs component's, and another value gives accs-events a token cache of its own.
     */
    private Duration tokenTimeout;
    /**
     * Webhook: the largest request body read, in bytes (Adobe's batches are at most 2 MB); a larger one is answered
     * 413, at once from its Content-Length when it has one. The HTTP engine may read a body before the route sees it:
     * set the engine's own limit too (camel.server.maxBodySize on Vert.x).
     */
    private Long maxBodySize;
    /**
     * Webhook: where the public keys that sign deliveries are fetched: this URL followed by the
     * x-adobe-public-key1-path or -key2-path header (only paths under /prod/keys/ or /stage/keys/), never another
     * host. Must be https (http only to a loopback host). Change it only for tests.
     */
    private String publicKeyBaseUrl;
    /**
     * Webhook: an event whose time is older than this is refused (400) as a replay of a captured delivery: a signature
     * stays valid for ever, but Adobe retries a delivery for 24 hours only, so the default (25 hours) refuses nothing
     * Adobe sends. Keep the idempotentRepository's memory at least this long.
     */
    private Duration replayWindow;
    /**
     * Webhook: comma-separated hosts (a host or its subdomains) a registration's validationUrl may point at; any other
     * validationUrl is not fetched.
     */
    private String validationUrlHosts;

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public AccsEventsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsEventsConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public Integer getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public String getJournalUrl() {
        return journalUrl;
    }

    public void setJournalUrl(String journalUrl) {
        this.journalUrl = journalUrl;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getSyncId() {
        return syncId;
    }

    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getAccsComponent() {
        return accsComponent;
    }

    public void setAccsComponent(String accsComponent) {
        this.accsComponent = accsComponent;
    }

    public AuthenticationType getAuthenticationType() {
        return authenticationType;
    }

    public void setAuthenticationType(AuthenticationType authenticationType) {
        this.authenticationType = authenticationType;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getImsUrl() {
        return imsUrl;
    }

    public void setImsUrl(String imsUrl) {
        this.imsUrl = imsUrl;
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public Duration getTokenTimeout() {
        return tokenTimeout;
    }

    public void setTokenTimeout(Duration tokenTimeout) {
        this.tokenTimeout = tokenTimeout;
    }

    public Long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(Long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public String getPublicKeyBaseUrl() {
        return publicKeyBaseUrl;
    }

    public void setPublicKeyBaseUrl(String publicKeyBaseUrl) {
        this.publicKeyBaseUrl = publicKeyBaseUrl;
    }

    public Duration getReplayWindow() {
        return replayWindow;
    }

    public void setReplayWindow(Duration replayWindow) {
        this.replayWindow = replayWindow;
    }

    public String getValidationUrlHosts() {
        return validationUrlHosts;
    }

    public void setValidationUrlHosts(String validationUrlHosts) {
        this.validationUrlHosts = validationUrlHosts;
    }
}
