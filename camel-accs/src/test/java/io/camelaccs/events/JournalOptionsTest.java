package io.camelaccs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.testsupport.FakeJournal;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.LogCapture;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's options as a user meets them: mistakes named at start-up, one token shared with accs:, a rejected
 * token replaced once, the journal's 429 honoured, and eventTypes.
 */
class JournalOptionsTest {

    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final String DELETE = "com.adobe.commerce.observer.catalog_product_delete_commit_after";
    static final FakeJournal journal = new FakeJournal();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(journal)).build();

    private CamelContext context;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stubs() {
        journal.reset();
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withTransformers(FakeJournal.NAME)));
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private CamelContext context(String scopes) {
        context = new DefaultCamelContext();
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setImsUrl(wm.baseUrl());
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        accs.getConfiguration().setOrgId(ORG_ID);
        if (scopes != null) {
            accs.getConfiguration().setScopes(scopes);
        }
        return context;
    }

    private void route(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events")
                        .process(e -> seen.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
            }
        });
    }

    private String journalUri(String options) {
        return "accs-events:journal?journalUrl=" + wm.baseUrl() + FakeJournal.PATH + "&initialDelay=0&delay=20"
               + (options.isEmpty() ? "" : "&" + options);
    }

    private String startupError(String uri) throws Exception {
        context(null);
        route(uri);
        Exception e = assertThrows(Exception.class, context::start);
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Test
    void mistakesStopTheRouteAtStartUpNamingTheOption() throws Exception {
        assertTrue(startupError(journalUri("since=yesterday")).contains("option since"));
        context.stop();
        assertTrue(startupError(journalUri("since=PT2H")).contains("negative ISO-8601 duration"));
        context.stop();
        assertTrue(startupError("accs-events:journal").contains("journalUrl is required"));
        context.stop();
        assertTrue(startupError(journalUri("scopes=openid,commerce.accs")).contains("adobeio_api"));
        context.stop();
        assertTrue(startupError("accs-events:webhook").contains("accs-events:webhook:/path"));
        context.stop();
        assertTrue(startupError("accs-events:stream?journalUrl=x").contains("expected journal"));
        context.stop();
        assertTrue(startupError("accs-events:webhook:/x?publicKeyBaseUrl=static.adobeioevents.com")
                .contains("publicKeyBaseUrl"));
    }

    @Test
    void plainHttpIsRefusedForTheJournalAndTheKeyHostNamingTheOption() throws Exception {
        String journal = startupError("accs-events:journal?journalUrl=http://events-va6.adobe.io/events/organizations/"
                                      + "O/integrations/C/R");
        assertTrue(journal.startsWith("Option journalUrl must be an https URL"), journal);
        context.stop();
        String keys = startupError("accs-events:webhook:/x?publicKeyBaseUrl=http://static.adobeioevents.com");
        assertTrue(keys.startsWith("Option publicKeyBaseUrl must be an https URL"), keys);
        context.stop();
        assertTrue(startupError(journalUri("failureThreshold=0")).contains("Option failureThreshold must be at least 1"));
        context.stop();
        // a loopback host may be plain http: the simulator and WireMock in tests
        context(null);
        AccsEventsEndpoint loopback = (AccsEventsEndpoint) context.getEndpoint(journalUri("").replace("localhost",
                "127.0.0.1"));
        assertTrue(loopback.getConfiguration().getJournalUrl().startsWith("http://127.0.0.1:"));
        context.getEndpoint("accs-events:webhook:/y?publicKeyBaseUrl=http://[::1]:1");
        context.getEndpoint("accs-events:webhook:/z?publicKeyBaseUrl=http://localhost:1");
    }

    @Test
    void sinceLatestStartsAtTheEndAndRemembersWhereThatWas() throws Exception {
        journal.append(FakeJournal.event("old-1", SAVE));
        journal.append(FakeJournal.event("old-2", SAVE));
        journal.retryAfter("0");
        ImsStubs.tokenIssued(wm, "tok-latest", 86399);
        context(null);
        route(journalUri("since=latest"));
        context.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() >= 2);
        journal.append(FakeJournal.event("new-1", SAVE));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 1);

        assertEquals(List.of("new-1"), seen);
        assertEquals("true", JournalPage.queryParameter(wm.baseUrl() + journal.requests().get(0).url(), "latest"));
        assertTrue(journal.requests().stream().skip(1).allMatch(r -> "pos-00002".equals(r.since())
                                                                     || "pos-00003".equals(r.since())));
    }

    @Test
    void oneTokenServesAccsAndTheJournalWhenTheScopesMatch() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        ImsStubs.tokenIssued(wm, "tok-shared", 86399);
        wm.stubFor(get(urlEqualTo("/t/V1/store/storeViews")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        context(ImsStubsScopes.WITH_IO_EVENTS);
        context.getComponent("accs", AccsComponent.class).getConfiguration().setBaseUrl(wm.baseUrl() + "/t");
        route(journalUri(""));
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
        context.createProducerTemplate().requestBody("accs:get:/V1/store/storeViews", (Object) null);

        assertEquals(1, ImsStubs.tokenRequests(wm));
    }

    @Test
    void rejectedTokenIsReplacedOnceAndTheRequestReplayed() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        wm.stubFor(post(urlEqualTo(ImsStubs.TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ImsStubs.tokenResponse("tok-revoked", 86399)).willSetStateTo("second"));
        wm.stubFor(post(urlEqualTo(ImsStubs.TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("second")
                .willReturn(ImsStubs.tokenResponse("tok-fresh", 86399)));
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withHeader("Authorization", equalTo("Bearer tok-revoked"))
                .atPriority(1).willReturn(aResponse().withStatus(401)));
        context(null);
        route(journalUri(""));
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
        assertEquals(2, ImsStubs.tokenRequests(wm));
        wm.verify(1, getRequestedFor(urlPathEqualTo(FakeJournal.PATH)).withHeader("Authorization",
                equalTo("Bearer tok-revoked")));
    }

    @Test
    void rateLimitedJournalIsAskedAgainOnlyAfterItsRetryAfter() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        ImsStubs.tokenIssued(wm, "tok-429", 86399);
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        context(null);
        route(journalUri(""));
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
        var requests = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(FakeJournal.PATH))
                .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertTrue(requests.get(1) - requests.get(0) >= 900, "waited " + (requests.get(1) - requests.get(0)) + " ms");
        assertEquals(3, requests.size(), "the 429, then the page and the 204 that follows it: no busy loop");
    }

    @Test
    void eventTypesKeepsOnlyThoseAndStillMovesPastTheOthers() throws Exception {
        journal.append(FakeJournal.event("s1", SAVE));
        journal.append(FakeJournal.event("d1", DELETE));
        journal.append(FakeJournal.event("s2", SAVE));
        journal.retryAfter("0");
        ImsStubs.tokenIssued(wm, "tok-types", 86399);
        context(null);
        route(journalUri("eventTypes=" + DELETE));
        context.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> journal.requests().stream()
                .anyMatch(r -> "pos-00003".equals(r.since())));
        assertEquals(List.of("d1"), seen);
    }

    /** Starts the route with the accs-events component on a clock the test moves. */
    private MutableClock startOnClock(String uri) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        context(null);
        context.getComponent("accs-events", AccsEventsComponent.class).setClock(clock);
        route(uri);
        context.start();
        return clock;
    }

    /** No further request to the journal for a while, though the scheduler polls every 20 ms. */
    private void noRequestBeyond(int count) {
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3))
                .until(() -> journal.requests().size() == count);
    }

    @Test
    void caughtUpJournalWaitsTheRetryAfterItNamesNotTheDefault() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        journal.retryAfter("7");
        ImsStubs.tokenIssued(wm, "tok-7", 86399);
        MutableClock clock = startOnClock(journalUri(""));

        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() == 2); // the event, then 204
        clock.advance(Duration.ofSeconds(3)); // past the 2 s a client waits when the journal names nothing
        noRequestBeyond(2);
        clock.advance(Duration.ofSeconds(4));

        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() == 3);
        assertEquals("pos-00001", journal.requests().get(2).since());
    }

    @Test
    void retryAfterIsCutToMaxRetryAfter() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        journal.retryAfter("99999999999"); // the year 5195
        ImsStubs.tokenIssued(wm, "tok-cap", 86399);
        MutableClock clock = startOnClock(journalUri("maxRetryAfter=90s"));

        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() == 2);
        clock.advance(Duration.ofSeconds(89));
        noRequestBeyond(2);
        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() == 3);
    }

    @Test
    void rateLimitRetryAfterIsCutToTheDefaultMaxRetryAfterOfFiveMinutes() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        ImsStubs.tokenIssued(wm, "tok-429-cap", 86399);
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "99999999999"))
                .willSetStateTo("open"));
        MutableClock clock = startOnClock(journalUri(""));

        await().atMost(Duration.ofSeconds(5)).until(() -> journalServed() == 1);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3)).until(() -> journalServed() == 1);
        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    }

    @Test
    void rejectedTokenIsReplacedWithinTheSamePoll() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        wm.stubFor(post(urlEqualTo(ImsStubs.TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ImsStubs.tokenResponse("tok-revoked", 86399)).willSetStateTo("second"));
        wm.stubFor(post(urlEqualTo(ImsStubs.TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("second")
                .willReturn(ImsStubs.tokenResponse("tok-fresh", 86399)));
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withHeader("Authorization", equalTo("Bearer tok-revoked"))
                .atPriority(1).willReturn(aResponse().withStatus(401)));

        // the clock never moves: a poll that failed would be followed by none, so the event arrives only if the
        // refused request is replayed at once with a new token
        startOnClock(journalUri(""));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        JournalConsumer consumer = (JournalConsumer) context.getRoute("events").getConsumer();
        assertEquals(0, consumer.describe().get("failuresInRow"));
        assertNull(consumer.metrics().lastError());
    }

    @Test
    void clientIdSentAsXApiKeyIsMaskedInHttpClientsHeaderLog() throws Exception {
        journal.append(FakeJournal.event("e1", SAVE));
        ImsStubs.tokenIssued(wm, "tok-headers", 86399);
        List<String> headers;
        try (LogCapture log = new LogCapture()) {
            context(null);
            route(journalUri(""));
            context.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            context.stop();
            headers = log.linesOf(LogCapture.HTTP_HEADERS).stream().map(LogCapture.Line::text).toList();
        }

        List<String> apiKeys = headers.stream().filter(h -> h.contains(">> x-api-key: ")).toList();
        assertTrue(apiKeys.size() >= 2, "the header log shows each journal request's x-api-key: " + headers);
        assertTrue(apiKeys.stream().allMatch(h -> h.endsWith(">> x-api-key: ****")), apiKeys.toString());
        assertTrue(headers.stream().noneMatch(h -> h.contains(CLIENT_ID)), "the client id in the header log");
    }

    private long journalServed() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(FakeJournal.PATH)).count();
    }

    /** The accs scopes a user sets so that accs: and accs-events: share one token. */
    static final class ImsStubsScopes {
        static final String WITH_IO_EVENTS = io.camelaccs.component.AccsConfiguration.DEFAULT_SCOPES + ",adobeio_api";
    }
}
