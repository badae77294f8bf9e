package io.camelaccs.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable Adobe Commerce as a Cloud Service tenant and Adobe IMS, on a free port of 127.0.0.1, built on WireMock:
 * IMS issues tokens (client credentials, authorization code with PKCE, rotating refresh tokens) that Commerce checks;
 * Commerce serves products, source items, orders and their searches from seeded, deterministic in-memory data, takes
 * asynchronous and bulk calls, and fails on demand ({@link #faults()}). Adobe I/O Events too: every catalog change
 * is a Commerce event in a journal ({@link #events()}, served at {@link #journalUrl()}) and can be pushed as a signed
 * (or forged) webhook delivery ({@link #webhooks()}).
 *
 * <pre>
 * try (AccsSimulator sim = AccsSimulator.builder().products(1000).build().start()) {
 *     context.getPropertiesComponent().setInitialProperties(toProperties(sim.componentProperties()));
 *     ...
 *     assertEquals(1, sim.tokenRequests());
 * }
 * </pre>
 *
 * Or let JUnit start it: {@link AccsSimulatorTest}.
 */
public final class AccsSimulator implements AutoCloseable {

    /** The scopes of ACCS credentials; the simulated IMS insists on {@code commerce.accs}. */
    public static final String SCOPES = "AdobeID,openid,email,profile,additional_info.roles,"
                                        + "additional_info.projectedProductContext,commerce.accs";

    /** The ACCS scopes and {@code adobeio_api}, which I/O Events (the journal) insists on. */
    public static final String EVENTS_SCOPES = SCOPES + ",adobeio_api";

    private static final Logger LOG = LoggerFactory.getLogger(AccsSimulator.class);

    private final Builder settings;
    private final String tenantPath;
    private final TokenRegistry tokens;
    private final FaultPlan faults;
    private final SourceItemStore sourceItems;
    private final ProductStore products;
    private final OrderStore orders;
    private final BulkQueue bulks;
    private final RequestLog log;
    private final AclGrants grants = new AclGrants();
    private final CommerceEventFactory eventFactory;
    private final EventJournal events;
    private final WebhookKeys webhookKeys;
    private final WebhookPublisher webhooks;
    private final CommerceWebhooks commerceWebhooks;
    /** The PaaS shop's authentication when started with {@link Builder#paas()}, else null. */
    private final PaasShop paasShop;
    private WireMockServer server;
    private Duration startDuration;
    private boolean closed;

    private AccsSimulator(Builder settings) {
        this.settings = settings;
        this.tenantPath = "/" + settings.tenantId;
        this.tokens = new TokenRegistry(settings.clock, settings.tokenLifetime);
        // developer_console_oauth: Commerce gets its hook's bearer token from IMS with the subscription's credentials
        this.commerceWebhooks = new CommerceWebhooks((id, secret) -> id.equals(settings.clientId)
                && secret.equals(settings.clientSecret) ? tokens.issueAccessToken(id, SCOPES) : null);
        this.faults = new FaultPlan(tokens);
        this.eventFactory = new CommerceEventFactory(settings.clock, settings.clientId, settings.tenantId);
        this.events = new EventJournal(eventFactory, settings.clock, settings.seed);
        this.webhookKeys = new WebhookKeys(eventFactory.uuid(), eventFactory.uuid(), eventFactory.uuid());
        this.webhooks = new WebhookPublisher(webhookKeys, eventFactory, events, this::port);
        this.sourceItems = new SourceItemStore(events);
        this.products = new ProductStore(settings.clock, sourceItems, events);
        this.orders = new OrderStore(settings.clock);
        this.bulks = new BulkQueue(settings.seed, settings.clock, settings.bulkDelay);
        this.log = new RequestLog(settings.requestLogLimit);
        this.paasShop = settings.paas ? new PaasShop(settings.clock, settings.seed, settings.adminTokenLifetime, grants)
                : null;
    }

    /** A builder with every setting at its default: 100 products, 20 orders, seed 42, 24 h tokens. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates the seed data and starts the server (both at once: data generation does not wait for Jetty).
     *
     * @return this simulator, running
     */
    public synchronized AccsSimulator start() {
        if (server != null) {
            throw new IllegalStateException("The simulator has already been started");
        }
        long begin = System.nanoTime();
        CompletableFuture<Void> seeding = CompletableFuture.runAsync(this::seed);
        SearchEngine engine = new SearchEngine(settings.lastPageQuirk);
        StoreResource stores = new StoreResource(settings.storeViews);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new ProductResource(products, engine, commerceWebhooks).routes());
        routes.addAll(new CartResource(products, commerceWebhooks).routes());
        routes.addAll(new CommerceWebhookResource(commerceWebhooks).routes());
        routes.addAll(new SourceItemResource(sourceItems, engine).routes());
        routes.addAll(new OrderResource(orders, engine).routes());
        routes.addAll(new BulkResource(bulks).routes());
        routes.addAll(stores.routes());
        CommerceApi api = new CommerceApi(new CommerceRouter(routes), bulks);

        WireMockConfiguration config = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(settings.port)
                .containerThreads(settings.containerThreads)
                // HTTP/1.1 only, as the ACCS clients speak it; an h2c upgrade would also cap concurrent streams
                .http2PlainDisabled(true)
                .disableRequestJournal() // the RequestLog keeps what tests need, bounded
                .mappingSource(new NoMappingFiles())
                .notifier(new WireMockLogging())
                .stubRequestLoggingDisabled(true)
                .templatingEnabled(false)
                .extensionScanningEnabled(false)
                .httpClientFactory(new NoProxyClient())
                .adminAuthenticator(request -> false) // stubs come from code only: no remote admin API
                .extensions(
                        paasShop != null ? new RequestRecorder(log, RequestTarget::ofPaas, settings.clock)
                                : new RequestRecorder(log, tenantPath, settings.clock),
                        new PaasCommerceEndpoint(faults, api, paasShop, stores),
                        new ImsTokenEndpoint(tokens, faults, settings.clientId, settings.clientSecret),
                        new ImsAuthorizeEndpoint(tokens, faults, settings.clientId),
                        new ImsRevokeEndpoint(tokens, faults, settings.clientId, settings.clientSecret),
                        new CommerceEndpoint(tenantPath, faults, api,
                                new CommerceAuthenticator(tokens, settings.clientId, settings.orgId, grants), stores),
                        new JournalEndpoint(events, tokens, settings.clientId, settings.orgId),
                        new PublicKeyEndpoint(webhookKeys),
                        webhooks.validationEndpoint());
        WireMockServer wireMock = new WireMockServer(config);
        try {
            wireMock.start();
            seeding.join();
            wireMock.stubFor(post(urlPathEqualTo("/ims/token/v3")).atPriority(1)
                    .willReturn(aResponse().withTransformers(ImsTokenEndpoint.NAME)));
            wireMock.stubFor(get(urlPathEqualTo("/ims/authorize/v2")).atPriority(1)
                    .willReturn(aResponse().withTransformers(ImsAuthorizeEndpoint.NAME)));
            wireMock.stubFor(post(urlPathEqualTo("/ims/revoke")).atPriority(1)
                    .willReturn(aResponse().withTransformers(ImsRevokeEndpoint.NAME)));
            if (paasShop != null) {
                // a PaaS shop serves /rest/<store>/... only: a client still set up for ACCS gets 404s
                wireMock.stubFor(any(urlPathMatching(Pattern.quote(PaasCommerceEndpoint.REST) + "/.*")).atPriority(2)
                        .willReturn(aResponse().withTransformers(PaasCommerceEndpoint.NAME)));
            } else {
                wireMock.stubFor(any(urlPathMatching(Pattern.quote(tenantPath) + "(/.*)?")).atPriority(2)
                        .willReturn(aResponse().withTransformers(CommerceEndpoint.NAME)));
            }
            wireMock.stubFor(any(urlPathMatching("/events/.*")).atPriority(3)
                    .willReturn(aResponse().withTransformers(JournalEndpoint.NAME)));
            wireMock.stubFor(get(urlPathMatching(Pattern.quote(WebhookKeys.PATH_PREFIX) + ".*")).atPriority(3)
                    .willReturn(aResponse().withTransformers(PublicKeyEndpoint.NAME)));
            wireMock.stubFor(get(urlPathEqualTo(ValidationEndpoint.PATH)).atPriority(3)
                    .willReturn(aResponse().withTransformers(ValidationEndpoint.NAME)));
            wireMock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", Replies.JSON)
                    .withBody("{\"message\":\"Request does not match any route.\"}")));
        } catch (RuntimeException e) {
            // a server that never bound (its port taken) fails its stop too, sneakily: keep the cause that matters
            try {
                wireMock.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            bulks.close();
            throw e;
        }
        server = wireMock;
        startDuration = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("{} simulator on {} with {} products, {} source items, {} orders, started in {} ms",
                paasShop != null ? "PaaS" : "ACCS", baseUrl(),
                products.size(), sourceItems.size(), orders.size(), startDuration.toMillis());
        return this;
    }

    private void seed() {
        CatalogGenerator generator = new CatalogGenerator(settings.seed);
        List<ObjectNode> seededProducts = generator.products(settings.products);
        products.load(seededProducts);
        sourceItems.load(generator.sourceItems(seededProducts));
        orders.load(generator.orders(settings.orders, seededProducts));
    }

    /**
     * The Commerce base URL as the component's {@code baseUrl}: {@code http://127.0.0.1:<port>/<tenantId>}, or in PaaS
     * mode the shop's REST root {@code http://127.0.0.1:<port>/rest}.
     */
    public String baseUrl() {
        return imsUrl() + (paasShop != null ? PaasCommerceEndpoint.REST : tenantPath);
    }

    /** Whether the simulator runs as an Adobe Commerce PaaS shop ({@link Builder#paas()}). */
    public boolean isPaas() {
        return paasShop != null;
    }

    /**
     * The PaaS shop's credentials (integration, Admin user) and switches (bearer use of the integration token, 2FA,
     * OAuth problem reporting).
     *
     * @throws IllegalStateException when the simulator was not built with {@link Builder#paas()}
     */
    public PaasShop paas() {
        if (paasShop == null) {
            throw new IllegalStateException("The simulator runs as ACCS: build it with AccsSimulator.builder().paas()");
        }
        return paasShop;
    }

    /** The IMS base URL, {@code http://127.0.0.1:<port>}, as the component's {@code imsUrl}. */
    public String imsUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return running().port();
    }

    /** The tenant id, the first path segment of {@link #baseUrl()}. */
    public String tenantId() {
        return settings.tenantId;
    }

    /** The OAuth client id IMS accepts; also the {@code x-api-key} Commerce expects. */
    public String clientId() {
        return settings.clientId;
    }

    /** The client secret IMS accepts. */
    public String clientSecret() {
        return settings.clientSecret;
    }

    /**
     * The journal URL of the simulated I/O Events registration, as the Developer Console shows it
     * ({@code http://127.0.0.1:<port>/events/organizations/<org>/integrations/<credential>/<registration>}), for
     * {@code accs-events:journal?journalUrl=...}. It wants a token with the {@code adobeio_api} scope.
     */
    public String journalUrl() {
        return imsUrl() + JournalEndpoint.PATH;
    }

    /**
     * Where the simulator serves the public keys of its signed webhook deliveries, {@code http://127.0.0.1:<port>}:
     * the stand-in for {@code https://static.adobeioevents.com}, as the webhook consumer's {@code publicKeyBaseUrl}.
     */
    public String publicKeyBaseUrl() {
        return imsUrl();
    }

    /**
     * The I/O Events journal: every product save and delete and every source item save, through the REST API or
     * the Java API of {@link #products()} and {@link #sourceItems()}, is a Commerce event there.
     */
    public EventJournal events() {
        return events;
    }

    /** Signed (and forged) webhook deliveries of Commerce events. */
    public WebhookPublisher webhooks() {
        return webhooks;
    }

    /**
     * Commerce's synchronous webhooks (not the I/O Events deliveries of {@link #webhooks()}): the subscriptions made
     * through {@code /V1/webhooks/subscribe} or directly, the hooks the simulator calls during a product save, a cart
     * add and a shipping estimate, and the public key that verifies their signatures
     * ({@link CommerceWebhooks#publicKeyPem()}).
     */
    public CommerceWebhooks commerceWebhooks() {
        return commerceWebhooks;
    }

    /** The IMS organization ({@code x-gw-ims-org-id}). */
    public String orgId() {
        return settings.orgId;
    }

    /**
     * The component options that point {@code accs} at this simulator: {@code baseUrl}, {@code imsUrl},
     * {@code clientId}, {@code clientSecret}, {@code orgId}; in PaaS mode {@code platform=PAAS}, {@code baseUrl},
     * {@code authenticationType=INTEGRATION} and the integration's {@code consumerKey}, {@code consumerSecret},
     * {@code accessToken}, {@code accessTokenSecret}.
     */
    public Map<String, String> componentProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (paasShop != null) {
            // the same routes, another platform: only the connection settings differ
            properties.put("platform", "PAAS");
            properties.put("baseUrl", baseUrl());
            properties.put("authenticationType", "INTEGRATION");
            properties.put("consumerKey", paasShop.consumerKey());
            properties.put("consumerSecret", paasShop.consumerSecret());
            properties.put("accessToken", paasShop.accessToken());
            properties.put("accessTokenSecret", paasShop.accessTokenSecret());
            return properties;
        }
        properties.put("baseUrl", baseUrl());
        properties.put("imsUrl", imsUrl());
        properties.put("clientId", clientId());
        properties.put("clientSecret", clientSecret());
        properties.put("orgId", orgId());
        return properties;
    }

    /** How many requests reached the IMS token endpoint (refused and faulted ones included). */
    public long tokenRequests() {
        return log.tokenRequests();
    }

    /**
     * How many requests had this method and path prefix.
     *
     * @param method     {@code GET}, ... (ignoring case), or null or {@code *} for any
     * @param pathPrefix relative to the tenant for Commerce ({@code /V1/products}; in PaaS mode relative to
     *                   {@code /rest/<store>}, {@code /async/V1/products}), the full path for IMS
     *                   ({@code /ims/token/v3}); raw or decoded; null for any
     */
    public long requests(String method, String pathPrefix) {
        return log.count(method, pathPrefix);
    }

    /** The most recent requests in arrival order (up to the builder's {@code requestLogLimit}). */
    public List<RecordedRequest> requestLog() {
        return log.recent();
    }

    /** The most recent request with this method and path prefix, or null. */
    public RecordedRequest lastRequest(String method, String pathPrefix) {
        List<RecordedRequest> recent = log.recent();
        for (int i = recent.size() - 1; i >= 0; i--) {
            RecordedRequest r = recent.get(i);
            if (PathMatch.matches(method, pathPrefix, r.method(), r.path(), r.decodedPath())) {
                return r;
            }
        }
        return null;
    }

    /** Zeroes the request counts and empties the request log. */
    public void resetCounters() {
        log.reset();
    }

    /** Faults to inject. */
    public FaultPlan faults() {
        return faults;
    }

    /**
     * Takes an ACL resource away from the integration's role, as an administrator who forgot one would: every
     * operation guarded by it ({@code Magento_Catalog::products} guards {@code /V1/products}) is answered with
     * Commerce's 401 {@code {"message":"The consumer isn't authorized to access %resources.","parameters":
     * {"resources":"Magento_Catalog::products"}}}, however fresh the token. An invalid token gets the same body; only a
     * new token being refused too tells a missing permission apart.
     *
     * @param aclResource such as {@code Magento_Catalog::products}, {@code Magento_Sales::actions_view},
     *                    {@code Magento_InventoryApi::source}
     * @return this simulator
     */
    public AccsSimulator denyPermission(String aclResource) {
        grants.deny(Objects.requireNonNull(aclResource, "aclResource"));
        return this;
    }

    /** Gives back an ACL resource taken with {@link #denyPermission(String)}. */
    public AccsSimulator allowPermission(String aclResource) {
        grants.allow(aclResource);
        return this;
    }

    /** Gives back every ACL resource taken with {@link #denyPermission(String)}. */
    public AccsSimulator allowAllPermissions() {
        grants.allowAll();
        return this;
    }

    /** The catalog, shared with the REST resources. */
    public ProductStore products() {
        return products;
    }

    /** The inventory source items, shared with the REST resources. */
    public SourceItemStore sourceItems() {
        return sourceItems;
    }

    /** The orders, shared with the REST resources. */
    public OrderStore orders() {
        return orders;
    }

    /** The asynchronous and bulk operations. */
    public BulkQueue bulks() {
        return bulks;
    }

    /**
     * An access token for the simulator's client, as if obtained by client credentials (for
     * {@code authenticationType=ACCESS_TOKEN} tests). Not counted as a token request.
     */
    public String issueAccessToken() {
        return tokens.issueAccessToken(settings.clientId, SCOPES);
    }

    /**
     * An access token for the simulator's client with the {@code adobeio_api} scope as well, as I/O Events wants
     * it (for reading the journal with {@code authenticationType=ACCESS_TOKEN}). Not counted as a token request.
     */
    public String issueEventsAccessToken() {
        return tokens.issueAccessToken(settings.clientId, EVENTS_SCOPES);
    }

    /**
     * A refresh token for the simulator's client, as if a user had signed in (for
     * {@code authenticationType=REFRESH_TOKEN} tests); valid for one use, as IMS rotates them.
     */
    public String issueRefreshToken() {
        return tokens.issueRefreshToken(settings.clientId, SCOPES + ",offline_access");
    }

    /** How long {@link #start()} took. */
    public Duration startDuration() {
        return startDuration;
    }

    /** Whether the simulator has been started and not closed. */
    public synchronized boolean isRunning() {
        return server != null && !closed;
    }

    /** Stops the server and the background bulk processing; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        bulks.close();
        webhooks.close();
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public String toString() {
        return "AccsSimulator[" + (server == null ? "not started" : closed ? "closed" : baseUrl()) + ", "
               + settings.products + " products, " + settings.orders + " orders, seed " + settings.seed + "]";
    }

    private synchronized WireMockServer running() {
        if (server == null || closed) {
            throw new IllegalStateException("The simulator is not running");
        }
        return server;
    }

    /** Settings of a simulator; every one has a default. */
    public static final class Builder {

        private int products = 100;
        private int orders = 20;
        private Duration tokenLifetime = Duration.ofSeconds(86_399);
        private long seed = 42;
        private boolean lastPageQuirk;
        private String tenantId = "sim-tenant";
        private String clientId = "accs-sim-client";
        private String clientSecret = "p8e-accs-sim-secret-0123456789";
        private String orgId = "ACCSSIM0123456789@AdobeOrg";
        private List<String> storeViews = List.of("default", "fr", "de");
        private Clock clock = Clock.systemUTC();
        private Duration bulkDelay = Duration.ofMillis(50);
        private int requestLogLimit = 10_000;
        private int containerThreads = 64;
        private int port;
        private boolean paas;
        private Duration adminTokenLifetime = Duration.ofHours(4);

        private Builder() {
        }

        /**
         * Runs the simulator as an Adobe Commerce PaaS shop (or Magento Open Source): the same operations and data
         * under {@code /rest/<storeCode>/...} ({@code /rest/<storeCode>/async/V1/...},
         * {@code /rest/<storeCode>/async/bulk/V1/...}; without a store code, {@code /rest/V1/...}, the default store
         * as on Magento), authenticated by an integration's OAuth 1.0a signature or an
         * admin token ({@link AccsSimulator#paas()}); {@link AccsSimulator#componentProperties()} then points the
         * component at it with {@code platform=PAAS}. IMS and I/O Events stay available.
         */
        public Builder paas() {
            return paas(true);
        }

        /** Whether the simulator runs as an Adobe Commerce PaaS shop (default false: ACCS); see {@link #paas()}. */
        public Builder paas(boolean on) {
            this.paas = on;
            return this;
        }

        /** In PaaS mode: how long admin tokens live (default 4 hours, Commerce's default). */
        public Builder adminTokenLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.toSeconds() < 1) {
                throw new IllegalArgumentException("An admin token lifetime of at least one second is needed, not "
                                                   + lifetime);
            }
            this.adminTokenLifetime = lifetime;
            return this;
        }

        /** The port on 127.0.0.1 (default 0: a free port, chosen at start). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("A port is 0 (any free port) to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** How many products to seed (default 100); each about 2 KB of JSON. */
        public Builder products(int count) {
            this.products = checkCount(count, "products");
            return this;
        }

        /** How many orders to seed (default 20). */
        public Builder orders(int count) {
            this.orders = checkCount(count, "orders");
            return this;
        }

        /** The lifetime of access tokens, sent as {@code expires_in} in seconds (default 86399 s). */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.toSeconds() < 1) {
                throw new IllegalArgumentException("A token lifetime of at least one second is needed, not "
                                                   + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /** The seed of the generated data (default 42): the same seed gives the same data. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Whether a {@code currentPage} past the last page returns the last page again, as older Commerce versions
         * did (default false: an empty page).
         */
        public Builder lastPageQuirk(boolean on) {
            this.lastPageQuirk = on;
            return this;
        }

        /** The tenant id, the first path segment of the base URL (default {@code sim-tenant}). */
        public Builder tenantId(String tenantId) {
            if (tenantId == null || !tenantId.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("A tenant id is letters, digits, '-' and '_', not " + tenantId);
            }
            this.tenantId = tenantId;
            return this;
        }

        /** The client id IMS accepts and Commerce expects as {@code x-api-key} (default {@code accs-sim-client}). */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** The client secret IMS accepts. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /** The IMS organization; a request with another {@code x-gw-ims-org-id} gets 403. */
        public Builder orgId(String orgId) {
            this.orgId = Objects.requireNonNull(orgId, "orgId");
            return this;
        }

        /**
         * The store view codes the {@code Store} header may name besides {@code all} and {@code admin} (default
         * {@code default}, {@code fr}, {@code de}).
         */
        public Builder storeViews(String... codes) {
            this.storeViews = List.of(codes);
            return this;
        }

        /** The clock of token expiry and {@code updated_at} (default the system clock in UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long after submission asynchronous and bulk operations are applied in the background (default 50 ms);
         * null applies them only when the bulk status is polled the second time or on
         * {@link BulkQueue#processAll()}.
         */
        public Builder bulkDelay(Duration delay) {
            this.bulkDelay = delay;
            return this;
        }

        /** How many recent requests {@link AccsSimulator#requestLog()} keeps (default 10 000); counts stay exact. */
        public Builder requestLogLimit(int limit) {
            this.requestLogLimit = checkCount(limit, "requestLogLimit");
            return this;
        }

        /** The server's thread pool size (default 64): concurrent requests beyond it wait. */
        public Builder containerThreads(int threads) {
            if (threads < 8) {
                throw new IllegalArgumentException("At least 8 container threads are needed, not " + threads);
            }
            this.containerThreads = threads;
            return this;
        }

        /** A simulator with these settings, not started yet. */
        public AccsSimulator build() {
            return new AccsSimulator(this.copy());
        }

        private Builder copy() {
            Builder b = new Builder();
            b.products = products;
            b.orders = orders;
            b.tokenLifetime = tokenLifetime;
            b.seed = seed;
            b.lastPageQuirk = lastPageQuirk;
            b.tenantId = tenantId;
            b.clientId = clientId;
            b.clientSecret = clientSecret;
            b.orgId = orgId;
            b.storeViews = storeViews;
            b.clock = clock;
            b.bulkDelay = bulkDelay;
            b.requestLogLimit = requestLogLimit;
            b.containerThreads = containerThreads;
            b.port = port;
            b.paas = paas;
            b.adminTokenLifetime = adminTokenLifetime;
            return b;
        }

        private static int checkCount(int count, String what) {
            if (count < 0) {
                throw new IllegalArgumentException(what + " must not be negative, but was " + count);
            }
            return count;
        }
    }
}
