package io.camelaccs.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.testsupport.FakeJournal;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
 * accs-events:journal against a journal that behaves as I/O Events' does: what a route receives, in which order, what
 * the journal is asked, and what happens when a route fails, the application restarts, the journal is caught up or
 * has expired the stored position.
 */
class JournalConsumerTest {

    static final String TOKEN = "tok-JOURNAL-secret-value";
    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final String DELETE = "com.adobe.commerce.observer.catalog_product_delete_commit_after";

    static final FakeJournal journal = new FakeJournal();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(journal)).build();

    @TempDir
    Path dir;

    private final List<CamelContext> contexts = new ArrayList<>();
    /** What the route saw: event id and position, in order. */
    private final List<String[]> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stubs() {
        journal.reset();
        ImsStubs.tokenIssued(wm, TOKEN, 86399);
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withTransformers(FakeJournal.NAME)));
    }

    /** Holds an event in its route (a crash in the middle of it, another consumer running it) until the test opens it. */
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    @AfterEach
    void stop() {
        held.countDown();
        contexts.forEach(CamelContext::stop);
    }

    /** Waits for the latch as a hung process would: a stop's interrupt does not end it. */
    private void holdUntilReleased() {
        holding.countDown();
        boolean interrupted = false;
        while (true) {
            try {
                if (held.await(30, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private String journalUri(String options) {
        return "accs-events:journal?journalUrl=" + wm.baseUrl() + FakeJournal.PATH + "&initialDelay=0&delay=20"
               + (options.isEmpty() ? "" : "&" + options);
    }

    private CamelContext start(String uri, org.apache.camel.Processor route, Map<String, Object> beans) throws Exception {
        return start(uri, route, beans, null);
    }

    /** Starts the route on a context of its own; {@code deadLetter}, when given, is where its dead letter channel sends. */
    private CamelContext start(String uri, org.apache.camel.Processor route, Map<String, Object> beans,
                               org.apache.camel.Processor deadLetter) throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach((k, v) -> context.getRegistry().bind(k, v));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setImsUrl(wm.baseUrl());
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        accs.getConfiguration().setOrgId(ORG_ID);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (deadLetter != null) {
                    errorHandler(deadLetterChannel("direct:dead"));
                    from("direct:dead").routeId("dead").process(deadLetter);
                }
                from(uri).routeId("mirror").process(exchange -> {
                    seen.add(new String[] {
                            exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class),
                            exchange.getMessage().getHeader(AccsEventsConstants.EVENT_POSITION, String.class),
                            exchange.getMessage().getHeader(AccsEventsConstants.EVENT_TYPE, String.class) });
                }).process(route);
            }
        });
        context.start();
        contexts.add(context);
        return context;
    }

    /** 1 000 distinct events with 50 duplicates (5 %) at later positions; returns the distinct ids in order. */
    private List<String> thousandEventsWithDuplicates() {
        Random random = new Random(42);
        List<String> distinct = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            String id = String.format("e%04d", i);
            distinct.add(id);
            journal.append(FakeJournal.event(id, i % 7 == 0 ? DELETE : SAVE));
            if (i % 20 == 0) {
                String again = distinct.get(random.nextInt(distinct.size()));
                journal.append(FakeJournal.event(again, SAVE));
            }
        }
        return distinct;
    }

    private List<String> seenIds() {
        return seen.stream().map(s -> s[0]).toList();
    }

    @Test
    void thousandEventsArriveInOrderOfPositionWithDuplicatesDropped() throws Exception {
        List<String> expected = thousandEventsWithDuplicates();
        assertEquals(1050, journal.entries().size());

        CamelContext context = start(journalUri(""), e -> { }, Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 1000);
        assertEquals(expected, seenIds());
        List<String> positions = seen.stream().map(s -> s[1]).toList();
        assertEquals(positions.stream().sorted().toList(), positions, "positions ascend");
        assertEquals(SAVE, seen.get(0)[2]);
        assertEquals(DELETE, seen.get(6)[2]);

        AccsEventsComponent events = context.getComponent("accs-events", AccsEventsComponent.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.getEventsReceived() == 1050);
        assertEquals(50, events.getDuplicatesDropped());
        assertEquals(1000, events.getEventsDelivered());

        // what the journal was asked, and with which headers
        FakeJournal.Request first = journal.requests().get(0);
        assertNull(first.since(), "no position stored and since=oldest: from the oldest event");
        assertEquals("Bearer " + TOKEN, first.headers().get("Authorization"));
        assertEquals(CLIENT_ID, first.headers().get("x-api-key"));
        assertEquals(ORG_ID, first.headers().get("x-ims-org-id"));
        assertEquals("application/vnd.adobecloud.events+json", first.headers().get("Accept"));
        assertEquals("pos-00050", journal.requests().get(1).since(), "followed the relative next link");
        wm.verify(1, postRequestedFor(urlEqualTo(ImsStubs.TOKEN_PATH)).withRequestBody(containing("adobeio_api")));
    }

    @Test
    void failedExchangeIsDeliveredAgainFromItsPositionAtTheNextPoll() throws Exception {
        List<String> expected = thousandEventsWithDuplicates();
        AtomicBoolean failedOnce = new AtomicBoolean();

        start(journalUri(""), exchange -> {
            if ("e0317".equals(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID))
                && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("warehouse down");
            }
        }, Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 1001);
        List<String> ids = seenIds();
        int failedAt = ids.indexOf("e0317");
        assertEquals(316, failedAt, "events before 317 once each");
        assertEquals("e0317", ids.get(failedAt + 1), "317 again, first thing after the failure");
        List<String> withoutRetry = new ArrayList<>(ids);
        withoutRetry.remove(failedAt);
        assertEquals(expected, withoutRetry, "nothing skipped, nothing else repeated");
        // the poll after the failure asked for what follows the last completed event
        String positionOf316 = seen.get(failedAt - 1)[1];
        assertTrue(journal.requests().stream().anyMatch(r -> positionOf316.equals(r.since())));
    }

    @Test
    void restartOnFileStateRepositoryResumesWithoutRepeatingCompletedEvents() throws Exception {
        for (int i = 1; i <= 400; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        FileStateRepository state = FileStateRepository.fileStateRepository(dir.resolve("journal.state").toFile());
        CamelContext first = start(journalUri("stateRepository=#state&syncId=catalog"), e -> { }, Map.of("state", state));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 400);
        first.stop();

        for (int i = 401; i <= 1000; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        seen.clear();
        FileStateRepository reopened = FileStateRepository.fileStateRepository(dir.resolve("journal.state").toFile());
        start(journalUri("stateRepository=#state&syncId=catalog"), e -> { }, Map.of("state", reopened));

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 600);
        assertEquals("e0401", seen.get(0)[0]);
        assertEquals(600, new LinkedHashSet<>(seenIds()).size());
        assertEquals(600, seen.size());
        assertTrue(journal.requests().stream().anyMatch(r -> "pos-00400".equals(r.since())), "resumed after 400");
    }

    @Test
    void caughtUpJournalIsAskedAgainOnlyAfterItsRetryAfter() throws Exception {
        journal.append(FakeJournal.event("e0001", SAVE));
        journal.retryAfter("2");

        // delay=20: without retry-after the consumer would ask about 100 times in 2 s
        start(journalUri(""), e -> { }, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> journal.requests().size() >= 3);
        List<FakeJournal.Request> requests = journal.requests();
        // 1: the event, 2: 204 (caught up), 3: only after the 2 s it asked for
        double waited = (requests.get(2).nanos() - requests.get(1).nanos()) / 1e9;
        assertTrue(waited >= 1.9 && waited < 3.5, "waited " + waited + " s");
        assertEquals("pos-00001", requests.get(2).since());
        assertEquals(1, seen.size());
    }

    @Test
    void expiredPositionRestartsFromTheOldestKeptEventAndReportsTheGapOnce() throws Exception {
        for (int i = 1; i <= 30; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        journal.expireBefore(10); // pos-00001 .. pos-00010 gone: a consumer at pos-00003 lost e0004 .. e0010
        FileStateRepository state = FileStateRepository.fileStateRepository(dir.resolve("old.state").toFile());
        state.start();
        state.setState("accs-events:catalog", "pos-00003");
        state.stop();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        ExceptionHandler handler = new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                reported.add(exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                reported.add(exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                reported.add(exception);
            }
        };

        start(journalUri("stateRepository=#state&syncId=catalog&exceptionHandler=#handler"), e -> { },
                Map.of("state", FileStateRepository.fileStateRepository(dir.resolve("old.state").toFile()),
                        "handler", handler));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 20);
        assertEquals("e0011", seen.get(0)[0], "from the oldest event kept");
        assertEquals(20, seen.size());
        assertEquals(1, reported.size(), "reported once: " + reported);
        AccsEventsException gap = (AccsEventsException) reported.get(0);
        assertEquals(410, gap.getStatusCode());
        assertTrue(gap.getMessage().contains("LOST") && gap.getMessage().contains("pos-00003"), gap.getMessage());
        // caught up and waiting: the expired position is never asked for again
        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() >= 3);
        assertEquals(1, journal.requests().stream().filter(r -> "pos-00003".equals(r.since())).count());
        assertFalse(gap.getMessage().contains(TOKEN) || gap.getMessage().contains(CLIENT_SECRET));
    }

    @Test
    void rollbackOnlyExchangeIsDeliveredAgainAndThePositionWaitsForIt() throws Exception {
        for (int i = 1; i <= 5; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        AtomicBoolean rolledBack = new AtomicBoolean();

        start(journalUri("retryDelay=50"), exchange -> {
            if ("e0003".equals(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID))
                && rolledBack.compareAndSet(false, true)) {
                // no exception: the route only says the work must be undone
                exchange.setRollbackOnly(true);
            }
        }, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 6);
        assertEquals(List.of("e0001", "e0002", "e0003", "e0003", "e0004", "e0005"), seenIds());
        // the poll after the rollback asked again after e0002, not after e0003
        assertTrue(journal.requests().stream().skip(1).anyMatch(r -> "pos-00002".equals(r.since())));
    }

    @Test
    void crashInTheMiddleOfAnEventReplaysItAfterARestartOnFileRepositories() throws Exception {
        for (int i = 1; i <= 3; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        Path positions = dir.resolve("positions.dat");
        Path ids = dir.resolve("event-ids.dat");
        String uri = journalUri("stateRepository=#state&idempotentRepository=#ids&syncId=catalog");
        CamelContext crashing = start(uri, exchange -> {
            if ("e0002".equals(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID))) {
                holdUntilReleased();
                throw new IllegalStateException("the process died in the middle of e0002");
            }
        }, Map.of("state", FileStateRepository.fileStateRepository(positions.toFile()),
                "ids", FileIdempotentRepository.fileIdempotentRepository(ids.toFile())));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        // the process goes away with e0002 in its route: the stop gives up waiting for it, nothing completes it
        crashing.getShutdownStrategy().setTimeout(1);
        crashing.getExecutorServiceManager().setShutdownAwaitTermination(100);
        crashing.stop();
        assertEquals(List.of("e0001", "e0002"), seenIds());

        seen.clear();
        start(uri, exchange -> { }, Map.of("state", FileStateRepository.fileStateRepository(positions.toFile()),
                "ids", FileIdempotentRepository.fileIdempotentRepository(ids.toFile())));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
        assertEquals(List.of("e0002", "e0003"), seenIds(), "e0002 again; e0001 not");
    }

    @Test
    void eventRunningInAnotherConsumerOnTheSameRepositoryIsNotPassedUntilItCompletes() throws Exception {
        for (int i = 1; i <= 3; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        IdempotentRepository shared = MemoryIdempotentRepository.memoryIdempotentRepository();
        AtomicBoolean first = new AtomicBoolean(true);
        start(journalUri("idempotentRepository=#ids&syncId=a"), exchange -> {
            if (first.getAndSet(false)) {
                holdUntilReleased();
            }
        }, Map.of("ids", shared));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        // a second consumer, told apart in the journal's log by its limit
        start(journalUri("idempotentRepository=#ids&syncId=b&limit=40&retryDelay=50"), exchange -> { },
                Map.of("ids", shared));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(
                () -> seen.size() == 1 && journal.requests().stream().filter(r -> r.url().contains("limit=40"))
                        .noneMatch(r -> r.since() != null));
        assertTrue(journal.requests().stream().filter(r -> r.url().contains("limit=40")).count() >= 2,
                "it asked again rather than move past e0001");
        held.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> seen.size() == 3);
        assertEquals(List.of("e0001", "e0002", "e0003"), seenIds().stream().sorted().toList(), "each once in all");
    }

    @Test
    void eventTheDeadLetterChannelTookIsDoneWithButItsIdIsNotRemembered() throws Exception {
        journal.append(FakeJournal.event("e0001", SAVE));
        journal.append(FakeJournal.event("e0002", SAVE)); // poison: the mirror always rejects it
        journal.append(FakeJournal.event("e0003", SAVE));
        journal.append(FakeJournal.event("e0002", SAVE)); // I/O Events delivers it again, at a later position
        List<String> deadLetters = new CopyOnWriteArrayList<>();

        start(journalUri(""), exchange -> {
            if ("e0002".equals(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID))) {
                throw new IllegalArgumentException("SKU rejected by the mirror");
            }
        }, Map.of(), e -> deadLetters.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 4);
        assertEquals(List.of("e0001", "e0002", "e0003", "e0002"), seenIds(), "the position moved past the dead letter");
        assertEquals(List.of("e0002", "e0002"), deadLetters, "not remembered: its copy ran again");
        await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().stream()
                .anyMatch(r -> "pos-00004".equals(r.since())));
    }
}
