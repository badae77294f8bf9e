package io.camelaccs.events;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.FixedTokenProvider;
import io.camelaccs.ims.TokenProvider;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Consume Adobe Commerce events from Adobe I/O Events: pull the journal of an event registration, or receive its
 * webhook deliveries, with Adobe IMS authentication shared with the accs component.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "accs-events", title = "Adobe Commerce Events",
             syntax = "accs-events:kind:path", consumerOnly = true,
             category = { Category.SAAS, Category.API }, headersClass = AccsEventsConstants.class)
public class AccsEventsEndpoint extends ScheduledPollEndpoint {

    /** How many event ids the default idempotent repository remembers. */
    static final int REMEMBERED_IDS = 10_000;

    @UriPath(enums = "journal,webhook")
    @Metadata(required = true)
    private String kind;
    @UriPath
    private String path;
    @UriParam
    private AccsEventsConfiguration configuration;

    private final EventsKind eventsKind;
    private AccsConfiguration effective;
    private volatile TokenProvider tokenProvider;
    private volatile IdempotentRepository idempotentRepository;
    private boolean ownIdempotentRepository;

    AccsEventsEndpoint(String uri, AccsEventsComponent component, EventsKind kind, String path,
                       AccsEventsConfiguration configuration) {
        super(uri, component);
        this.eventsKind = kind;
        this.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.path = path;
        this.configuration = configuration;
    }

    @Override
    public AccsEventsComponent getComponent() {
        return (AccsEventsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("accs-events is a consumer only: send to accs: to call Commerce");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (eventsKind == EventsKind.JOURNAL) {
            JournalConsumer consumer = new JournalConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        WebhookConsumer consumer = new WebhookConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Settles the options once they are bound: the accs settings they complete, and every value checked, so that a
     * mistake stops the route at start-up with the option named.
     */
    void resolve(AccsComponent accs) {
        effective = configuration.overlay(accs.getConfiguration());
        if (effective.getClientId() == null || effective.getClientId().isBlank()) {
            throw new IllegalArgumentException("Option clientId is required for accs-events (on the endpoint, the"
                                               + " accs-events component or the " + configuration.getAccsComponent()
                                               + " component)");
        }
        if (effective.getAuthenticationType() == AuthenticationType.INTEGRATION
                || effective.getAuthenticationType() == AuthenticationType.ADMIN_TOKEN) {
            // inherited from an accs component set up for a PaaS shop: I/O Events itself is an Adobe service
            throw new IllegalArgumentException("Option authenticationType " + effective.getAuthenticationType()
                                               + " is for the REST API of a PaaS shop; Adobe I/O Events takes Adobe IMS"
                                               + " credentials on every platform: set authenticationType"
                                               + " CLIENT_CREDENTIALS (or REFRESH_TOKEN, ACCESS_TOKEN) with the"
                                               + " Developer Console project's clientId and clientSecret on the"
                                               + " accs-events component or endpoint");
        }
        if (effective.getAuthenticationType() == AuthenticationType.ACCESS_TOKEN) {
            String token = effective.getAccessToken();
            if (eventsKind == EventsKind.JOURNAL && (token == null || token.isBlank())) {
                throw new IllegalArgumentException("authenticationType ACCESS_TOKEN needs option accessToken");
            }
        } else if (eventsKind == EventsKind.JOURNAL
                   && !effective.scopeList().contains(AccsEventsConfiguration.IO_EVENTS_SCOPE)) {
            throw new IllegalArgumentException("Option scopes must include " + AccsEventsConfiguration.IO_EVENTS_SCOPE
                                               + " for I/O Events calls (got: " + effective.getScopes() + ")");
        }
        new EventTypeFilter(configuration.getEventTypes());
        if (configuration.getFailureThreshold() < 1) {
            throw new IllegalArgumentException("Option failureThreshold must be at least 1 (failures in a row before the"
                                               + " health check is DOWN), got " + configuration.getFailureThreshold());
        }
        if (effective.getTokenTimeout() < 1) {
            throw new IllegalArgumentException("Option tokenTimeout must be a positive duration, such as 60s, got "
                                               + effective.getTokenTimeout());
        }
        if (eventsKind == EventsKind.JOURNAL) {
            resolveJournal();
        } else {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("Invalid accs-events webhook path '" + path
                                                   + "': expected accs-events:webhook:/path, as in"
                                                   + " accs-events:webhook:/commerce/events");
            }
            PublicKeyCache.validateBaseUrl(configuration.getPublicKeyBaseUrl());
            if (configuration.getMaxBodySize() <= 0) {
                throw new IllegalArgumentException("Option maxBodySize must be positive, got "
                                                   + configuration.getMaxBodySize());
            }
            if (configuration.getReplayWindow() <= 0) {
                throw new IllegalArgumentException("Option replayWindow must be a positive duration, such as 25h (the"
                                                   + " default) or 90000000 (milliseconds), got "
                                                   + configuration.getReplayWindow());
            }
        }
    }

    private void resolveJournal() {
        String url = configuration.getJournalUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Option journalUrl is required for accs-events:journal: the registration's"
                                               + " journaling endpoint from the Developer Console, such as"
                                               + " https://events-va6.adobe.io/events/organizations/ORG/integrations/"
                                               + "CREDENTIAL/REGISTRATION");
        }
        SecureUrls.require("journalUrl", url, "https://events-va6.adobe.io/events/organizations/ORG/integrations/"
                                              + "CREDENTIAL/REGISTRATION");
        if (effective.getOrgId() == null || effective.getOrgId().isBlank()) {
            throw new IllegalArgumentException("Option orgId is required for accs-events:journal: the journal wants the"
                                               + " IMS organization (x-ims-org-id, ending in @AdobeOrg)");
        }
        JournalStart.parse(configuration.getSince());
        if (configuration.getMaxRetryAfter() <= 0) {
            throw new IllegalArgumentException("Option maxRetryAfter must be a positive duration, such as 5m (the"
                                               + " default) or 300000 (milliseconds), got "
                                               + configuration.getMaxRetryAfter());
        }
        if (configuration.getLimit() != null && configuration.getLimit() <= 0) {
            throw new IllegalArgumentException("Option limit must be positive, got " + configuration.getLimit());
        }
        if (path != null && !path.isEmpty()) {
            throw new IllegalArgumentException("accs-events:journal takes no path: give the journal as option journalUrl");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AccsComponent accs = getComponent().accsComponent(configuration.getAccsComponent());
        if (effective.getAuthenticationType() == AuthenticationType.ACCESS_TOKEN) {
            tokenProvider = new FixedTokenProvider(effective.getAccessToken() == null ? "" : effective.getAccessToken());
        } else {
            tokenProvider = accs.sharedTokenCache(effective);
        }
        IdempotentRepository repo = configuration.getIdempotentRepository();
        if (repo == null) {
            repo = MemoryIdempotentRepository.memoryIdempotentRepository(REMEMBERED_IDS);
            ownIdempotentRepository = true;
        }
        ServiceHelper.startService(repo);
        idempotentRepository = repo;
    }

    @Override
    protected void doStop() throws Exception {
        if (ownIdempotentRepository) {
            ServiceHelper.stopService(idempotentRepository);
        }
        super.doStop();
    }

    HttpTransport transport() {
        return getComponent().transport(new HttpSettings(effective.getConnectTimeout(), effective.getReadTimeout(),
                4, effective.getProxyHost(), effective.getProxyPort(), effective.getSslContextParameters()));
    }

    TokenProvider tokenProvider() {
        return tokenProvider;
    }

    IdempotentRepository idempotentRepository() {
        return idempotentRepository;
    }

    /** The accs settings this endpoint works with: its own options over the accs component's. */
    AccsConfiguration effective() {
        return effective;
    }

    EventsKind eventsKind() {
        return eventsKind;
    }

    public String getKind() {
        return kind;
    }

    /**
     * journal (pull the registration's journal; option journalUrl) or webhook (receive Adobe's deliveries at path).
     */
    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getPath() {
        return path;
    }

    /**
     * webhook: the HTTP path the deliveries are received at, through platform-http, such as /commerce/events.
     */
    public void setPath(String path) {
        this.path = path;
    }

    public AccsEventsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsEventsConfiguration configuration) {
        this.configuration = configuration;
    }
}
