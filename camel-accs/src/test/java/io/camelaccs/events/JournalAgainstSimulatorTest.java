package io.camelaccs.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.JournalEntry;
import io.camelaccs.test.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * accs-events:journal against the test kit's simulator, whose journal is fed by catalog changes and serves pages,
 * 204 + retry-after, 410 and duplicates as I/O Events does; no stub written for the test.
 */
class JournalAgainstSimulatorTest {

    @TempDir
    Path dir;

    private AccsSimulator sim;
    private final List<CamelContext> contexts = new ArrayList<>();
    /** What the route saw, in order: event id and position. */
    private final List<String[]> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void simulator() {
        sim = AccsSimulator.builder().products(20).orders(0).build().start();
        sim.events().retryAfterSeconds(1); // caught up, the consumer polls again after a second, not I/O's 10
    }

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
        sim.close();
    }

    private CamelContext start(String options, org.apache.camel.Processor route, Map<String, Object> beans)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach((k, v) -> context.getRegistry().bind(k, v));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setImsUrl(sim.imsUrl());
        accs.getConfiguration().setClientId(sim.clientId());
        accs.getConfiguration().setClientSecret(sim.clientSecret());
        accs.getConfiguration().setOrgId(sim.orgId());
        String uri = "accs-events:journal?journalUrl=" + sim.journalUrl() + "&initialDelay=0&delay=20"
                     + (options.isEmpty() ? "" : "&" + options);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("mirror").process(exchange -> seen.add(new String[] {
                        exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class),
                        exchange.getMessage().getHeader(AccsEventsConstants.EVENT_POSITION, String.class) }))
                        .process(route);
            }
        });
        context.start();
        contexts.add(context);
        return context;
    }

    private List<String> seenIds() {
        return seen.stream().map(s -> s[0]).toList();
    }

    private static List<String> ids(List<JournalEntry> entries) {
        return entries.stream().map(e -> e.event().get("event_id").asText()).toList();
    }

    /** Whether the consumer has asked for what comes after the journal's last entry (it is caught up). */
    private boolean caughtUp() {
        String latest = sim.events().latestPosition();
        RecordedRequest last = sim.lastRequest("GET", "/events/");
        return last != null && last.query() != null
               && URLDecoder.decode(last.query(), StandardCharsets.UTF_8).contains("since=" + latest);
    }

    @Test
    void thousandEventsInPositionOrderWithFivePercentDuplicatesDropped() throws Exception {
        sim.events().duplicateFraction(0.05);
        List<JournalEntry> published = sim.events().publishSynthetic(1000);
        assertEquals(1050, sim.events().appendedCount());

        CamelContext context = start("limit=100", e -> { }, Map.of());

        await().atMost(Duration.ofSeconds(60)).until(this::caughtUp);
        assertEquals(ids(published), seenIds());
        assertEquals(published.stream().map(JournalEntry::position).toList(), seen.stream().map(s -> s[1]).toList());
        assertEquals(50, context.getComponent("accs-events", AccsEventsComponent.class).getDuplicatesDropped());
    }

    @Test
    void failingExchangeAt317IsRedeliveredFrom317AtTheNextPoll() throws Exception {
        List<JournalEntry> published = sim.events().publishSynthetic(1000);
        String at317 = ids(published).get(316);
        AtomicBoolean failed = new AtomicBoolean();

        start("limit=100", e -> {
            if (at317.equals(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID)) && failed.compareAndSet(false,
                    true)) {
                throw new IllegalStateException("the warehouse is down");
            }
        }, Map.of());

        await().atMost(Duration.ofSeconds(60)).until(this::caughtUp);
        List<String> expected = new ArrayList<>(ids(published).subList(0, 317));
        expected.addAll(ids(published).subList(316, 1000));
        assertEquals(expected, seenIds());
        // the poll after the failure asked for what follows event 316, the last one completed
        assertTrue(sim.requestLog().stream().anyMatch(r -> r.query() != null && URLDecoder.decode(r.query(),
                StandardCharsets.UTF_8).contains("since=" + published.get(315).position())));
    }

    @Test
    void restartOnAFileStateRepositoryResumesWithoutRepeats() throws Exception {
        FileStateRepository positions = FileStateRepository.fileStateRepository(dir.resolve("positions").toFile());
        List<JournalEntry> first = sim.events().publishSynthetic(300);
        CamelContext before = start("stateRepository=#positions&syncId=mirror", e -> { },
                Map.of("positions", positions));
        await().atMost(Duration.ofSeconds(60)).until(this::caughtUp);
        before.stop();
        assertEquals(ids(first), seenIds());

        List<JournalEntry> second = sim.events().publishSynthetic(200);
        seen.clear();
        FileStateRepository reopened = FileStateRepository.fileStateRepository(dir.resolve("positions").toFile());
        start("stateRepository=#positions&syncId=mirror", e -> { }, Map.of("positions", reopened));
        await().atMost(Duration.ofSeconds(60)).until(this::caughtUp);
        assertEquals(ids(second), seenIds());
    }

    @Test
    void caughtUpWaitsAsRetryAfterSaysWithoutBusyLooping() throws Exception {
        sim.events().retryAfterSeconds(2);
        sim.events().publishSynthetic(3);
        start("", e -> { }, Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> sim.requests("GET", "/events/") >= 4);
        List<Instant> times = sim.requestLog().stream().filter(r -> r.path().startsWith("/events/"))
                .map(RecordedRequest::time).toList();
        // the first page, then 204 + retry-after 2 at the end; each later request about 2 s after the one before,
        // though the route's own delay is 20 ms
        for (int i = 2; i < 4; i++) {
            long gap = Duration.between(times.get(i - 1), times.get(i)).toMillis();
            assertTrue(gap >= 1900 && gap < 4000, "request " + i + " came " + gap + " ms after the one before");
        }
        assertEquals(3, seen.size());
    }

    @Test
    void goneRestartsFromTheOldestKeptEventAndReportsTheGapOnce() throws Exception {
        MemoryStateRepository positions = new MemoryStateRepository();
        List<String> errors = new CopyOnWriteArrayList<>();
        ExceptionHandler handler = new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handleException(exception.getMessage(), exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                errors.add(message);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                handleException(message, exception);
            }
        };
        List<JournalEntry> early = sim.events().publishSynthetic(5);
        CamelContext context = start("stateRepository=#positions&syncId=mirror&exceptionHandler=#handler",
                e -> { }, Map.of("positions", positions, "handler", handler));
        await().atMost(Duration.ofSeconds(30)).until(this::caughtUp);
        context.getRouteController().stopRoute("mirror");
        assertEquals(ids(early), seenIds());

        List<JournalEntry> later = sim.events().publishSynthetic(20);
        sim.events().retainLast(10); // later events 1..10 expire, and with them the stored position's successors
        seen.clear();
        context.getRouteController().startRoute("mirror");

        await().atMost(Duration.ofSeconds(30)).until(this::caughtUp);
        assertEquals(ids(later.subList(10, 20)), seenIds());
        long asked = sim.requestLog().stream().filter(r -> r.query() != null && URLDecoder.decode(r.query(),
                StandardCharsets.UTF_8).contains("since=" + early.get(4).position())).count();
        assertEquals(2, asked, "asked once before the expiry (caught up) and once after (410), never again");
        List<String> lost = errors.stream().filter(m -> m.contains("LOST")).toList();
        assertEquals(1, lost.size(), errors.toString());
        assertTrue(lost.get(0).contains(early.get(4).position()), lost.get(0));
    }
}
