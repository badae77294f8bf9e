package io.camelaccs.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    private String journalUri(String options) {
        return "accs-events:journal?journalUrl=" + wm.baseUrl() + FakeJournal.PATH + "&initialDelay=0&delay=20"
               + (options.isEmpty() ? "" : "&" + options);
    }

    private CamelContext start(String uri, org.apache.camel.Processor route, Map<String, Object> beans) throws Exception {
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
}
