package io.camelaccs.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.testsupport.FakeJournal;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.LogCapture;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal consumer that cannot go on says so: its readiness check goes DOWN, naming why, when IMS hangs, when polls
 * or one event keep failing, and when the journal refuses the stored position (with how to reset it); the position's
 * key names the journal, so another registration never gets a foreign position.
 */
class JournalStuckTest {

    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final FakeJournal journal = new FakeJournal();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(journal)).build();

    @TempDir
    Path dir;

    private CamelContext context;
    private HangingServer hangingIms;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stubs() {
        journal.reset();
        ImsStubs.tokenIssued(wm, "tok-stuck", 86399);
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withTransformers(FakeJournal.NAME)));
    }

    @AfterEach
    void stop() throws IOException {
        // the hanging IMS first: a token fetch still reading from it then ends, and the context stops at once
        if (hangingIms != null) {
            hangingIms.close();
        }
        if (context != null) {
            context.stop();
        }
    }

    private String journalUri(String options) {
        return "accs-events:journal?journalUrl=" + wm.baseUrl() + FakeJournal.PATH + "&initialDelay=0&delay=20"
               + (options.isEmpty() ? "" : "&" + options);
    }

    private AccsComponent context(MutableClock clock) {
        context = new DefaultCamelContext();
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setImsUrl(wm.baseUrl());
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        accs.getConfiguration().setOrgId(ORG_ID);
        if (clock != null) {
            context.getComponent("accs-events", AccsEventsComponent.class).setClock(clock);
        }
        return accs;
    }

    private void start(String uri, org.apache.camel.Processor route) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events")
                        .process(e -> seen.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)))
                        .process(route);
            }
        });
        HealthProbe.enable(context);
        context.start();
    }

    private HealthCheck.Result health() {
        return HealthProbe.of(context, "events");
    }

    private JournalConsumer consumer() {
        return (JournalConsumer) context.getRoute("events").getConsumer();
    }

    private long journalServed() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(FakeJournal.PATH)).count();
    }

    /** An IMS that accepts every connection and never answers. */
    static final class HangingServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        HangingServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "hanging-ims");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void imsThatAcceptsButNeverAnswersFailsThePollAfterTheAccsTokenTimeoutAndHealthGoesDown() throws Exception {
        hangingIms = new HangingServer();
        AccsComponent accs = context(null);
        accs.getConfiguration().setImsUrl(hangingIms.url());
        accs.getConfiguration().setImsMaxRetries(0);
        // the accs component's tokenTimeout serves accs-events too; its readTimeout (60 s) would hold the poll
        accs.getConfiguration().setTokenTimeout(500);
        start(journalUri(""), e -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.DOWN);
        String message = health().getMessage().orElse("");
        assertTrue(message.contains("500 ms (option tokenTimeout)"), message);
        assertTrue(hangingIms.connections() >= 1, "the token was asked of the hanging IMS");
        assertEquals(0, journalServed(), "no token, no journal request");
    }

    @Test
    void tokenTimeoutOnTheEndpointBoundsTheJournalsWaitWhateverTheAccsComponentSays() throws Exception {
        hangingIms = new HangingServer();
        AccsComponent accs = context(null);
        accs.getConfiguration().setImsUrl(hangingIms.url());
        accs.getConfiguration().setImsMaxRetries(0);
        start(journalUri("tokenTimeout=300"), e -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.DOWN);
        assertTrue(health().getMessage().orElse("").contains("300 ms (option tokenTimeout)"), HealthProbe.text(health()));
    }

    @Test
    void journalThatAcceptsButNeverAnswersIsDownAtTheFirstReadTimeoutNotAfterFailureThresholdPolls() throws Exception {
        HangingServer hangingJournal = new HangingServer();
        hangingIms = hangingJournal; // closed after the test
        context(null);
        start("accs-events:journal?journalUrl=" + hangingJournal.url() + FakeJournal.PATH
              + "&initialDelay=0&delay=20&readTimeout=300", e -> { });

        // the wait was the grace: five of them, with their backoff, would keep it UP for about 17 s
        await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.DOWN);
        assertTrue((Integer) consumer().describe().get("failuresInRow") < 5, consumer().describe().toString());
        assertTrue(health().getMessage().orElse("").startsWith("The journal's last request timed out"),
                HealthProbe.text(health()));
    }

    @Test
    void poisonEventTurnsHealthDownAfterFailureThresholdFailuresNamingTheEventNotItsContent() throws Exception {
        journal.append(FakeJournal.event("e0001", SAVE));
        journal.append(FakeJournal.event("e0002", SAVE)); // the mirror rejects it, every time
        journal.append(FakeJournal.event("e0003", SAVE));
        AtomicBoolean poisoned = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.now());
        context(clock);
        start(journalUri("failureThreshold=3"), exchange -> {
            if ("e0002".equals(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID)) && poisoned.get()) {
                attempts.incrementAndGet();
                throw new IllegalStateException("mirror rejected the product");
            }
        });

        // the clock stands still between failures: each retry waits for the test to move it past the backoff
        for (int attempt = 1; attempt <= 3; attempt++) {
            int expected = attempt;
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == expected
                                                              && consumer().describe().get("eventFailuresInRow")
                                                                      .equals(expected));
            HealthCheck.Result result = health();
            if (attempt < 3) {
                assertEquals(HealthCheck.State.UP, result.getState(), "after " + attempt + ": " + HealthProbe.text(result));
                clock.advance(Duration.ofMinutes(10));
            } else {
                assertEquals(HealthCheck.State.DOWN, result.getState(), HealthProbe.text(result));
                String message = result.getMessage().orElse("");
                assertTrue(message.contains("Event e0002 at position pos-00002 failed 3 times in a row"), message);
                assertEquals("e0002", result.getDetails().get("accs.events.failingEventId"));
                assertFalse(HealthProbe.text(result).contains("SKU e0002"), "the event's content: " + result);
            }
        }
        assertEquals(List.of("e0001", "e0002", "e0002", "e0002"), seen);

        // the mirror is fixed: the event goes through, the journal moves on, and the check is UP again
        poisoned.set(false);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("e0003"));
        await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.UP);
    }

    @Test
    void failingPollsTurnHealthDownAfterFailureThresholdNotAtTheFirstOne() throws Exception {
        journal.append(FakeJournal.event("e0001", SAVE));
        StubMapping outage = wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        MutableClock clock = new MutableClock(Instant.now());
        context(clock);
        start(journalUri(""), e -> { }); // failureThreshold: 5 by default

        for (int poll = 1; poll <= 5; poll++) {
            int expected = poll;
            await().atMost(Duration.ofSeconds(5)).until(() -> consumer().describe().get("failuresInRow").equals(expected));
            HealthCheck.Result result = health();
            if (poll < 5) {
                assertEquals(HealthCheck.State.UP, result.getState(), "one 503 is no outage: " + HealthProbe.text(result));
                clock.advance(Duration.ofMinutes(10));
            } else {
                assertEquals(HealthCheck.State.DOWN, result.getState(), HealthProbe.text(result));
                assertTrue(result.getMessage().orElse("").contains("last 5 polls failed"), HealthProbe.text(result));
            }
        }

        wm.removeStub(outage);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.UP);
    }

    @Test
    void positionTheJournalRefusesIsReportedOnceWithTheKeyAndHowToResetIt() throws Exception {
        journal.append(FakeJournal.event("e0001", SAVE));
        String journalUrl = wm.baseUrl() + FakeJournal.PATH;
        String key = JournalConsumer.stateKey("catalog", journalUrl);
        FileStateRepository state = FileStateRepository.fileStateRepository(dir.resolve("positions").toFile());
        state.start();
        state.setState(key, "pos-of-another-registration");
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withQueryParam("since", equalTo("pos-of-another-registration"))
                .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Invalid position\"}")));
        MutableClock clock = new MutableClock(Instant.now());
        List<Throwable> bridged = new CopyOnWriteArrayList<>();
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            context(clock);
            context.getRegistry().bind("state", state);
            context.getRegistry().bind("handler", new org.apache.camel.spi.ExceptionHandler() {
                @Override
                public void handleException(Throwable exception) {
                    bridged.add(exception);
                }

                @Override
                public void handleException(String message, Throwable exception) {
                    bridged.add(exception);
                }

                @Override
                public void handleException(String message, Exchange exchange, Throwable exception) {
                    bridged.add(exception);
                }
            });
            start(journalUri("stateRepository=#state&syncId=catalog&exceptionHandler=#handler"), e -> { });

            // DOWN at the first refusal: asking again cannot cure it
            await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.DOWN);
            clock.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> journalServed() >= 2);
            errors = log.linesOf(JournalConsumer.class.getName()).stream().filter(l -> l.level().equals("ERROR"))
                    .map(LogCapture.Line::text).toList();
        }

        assertEquals(1, errors.size(), "one ERROR, not one per poll: " + errors);
        String error = errors.get(0);
        assertTrue(error.contains("refused position pos-of-another-registration (HTTP 400"), error);
        assertTrue(error.contains("under key '" + key + "'"), error);
        assertTrue(error.contains("remove that key from the stateRepository"), error);
        assertTrue(error.contains("since"), error);
        assertTrue(health().getMessage().orElse("").contains(key), HealthProbe.text(health()));
        assertTrue(bridged.stream().anyMatch(e -> e.getMessage().contains("remove that key")), bridged.toString());
        assertTrue(seen.isEmpty());

        // done as the message says: the key removed, the journal is read as since says (the oldest event)
        state.setState(key, "");
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.equals(List.of("e0001")));
        await().atMost(Duration.ofSeconds(5)).until(() -> health().getState() == HealthCheck.State.UP);
    }

    @Test
    void positionKeyNamesTheJournalSoAnotherRegistrationUnderTheSameSyncIdStartsAfresh() throws Exception {
        for (int i = 1; i <= 3; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        Path file = dir.resolve("positions");
        // written by the previous version of the component: the key without the journal's hash
        FileStateRepository old = FileStateRepository.fileStateRepository(file.toFile());
        old.start();
        old.setState("accs-events:catalog", "pos-00002");
        old.stop();

        context(null);
        context.getRegistry().bind("state", FileStateRepository.fileStateRepository(file.toFile()));
        start(journalUri("stateRepository=#state&syncId=catalog"), e -> { });
        // committed: the journal is asked for what follows e0003
        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().stream()
                .anyMatch(r -> "pos-00003".equals(r.since())));
        context.stop();
        assertEquals(List.of("e0003"), seen, "an existing user goes on from the position stored under the old key");
        assertEquals("pos-00002", journal.requests().get(0).since());

        // the same syncId, now pointed at another registration's journal
        String otherPath = "/events/organizations/ORG1/integrations/CRED1/REG2";
        wm.stubFor(get(urlPathEqualTo(otherPath)).willReturn(aResponse().withStatus(204).withHeader("retry-after", "5")));
        seen.clear();
        context(null);
        context.getRegistry().bind("state", FileStateRepository.fileStateRepository(file.toFile()));
        start("accs-events:journal?journalUrl=" + wm.baseUrl() + otherPath
              + "&initialDelay=0&delay=20&stateRepository=#state&syncId=catalog", e -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> wm.getAllServeEvents().stream()
                .anyMatch(e -> e.getRequest().getUrl().startsWith(otherPath)));
        List<String> asked = wm.getAllServeEvents().stream().map(e -> e.getRequest().getUrl())
                .filter(u -> u.startsWith(otherPath)).toList();
        assertTrue(asked.stream().noneMatch(u -> u.contains("since=")),
                "the other journal is read as since says, not from this one's position: " + asked);
        FileStateRepository check = FileStateRepository.fileStateRepository(file.toFile());
        check.start();
        assertEquals("pos-00003", check.getState(JournalConsumer.stateKey("catalog", wm.baseUrl() + FakeJournal.PATH)));
        String legacy = check.getState("accs-events:catalog");
        assertTrue(legacy == null || legacy.isEmpty(), "the old key was read once: " + legacy);
        assertNull(check.getState(JournalConsumer.stateKey("catalog", wm.baseUrl() + otherPath)));
        check.stop();
    }
}
