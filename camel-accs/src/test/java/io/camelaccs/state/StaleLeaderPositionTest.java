package io.camelaccs.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.events.AccsEventsConstants;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.JournalEntry;
import io.camelaccs.testsupport.FakeCommerce;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that is no longer the leader, but does not know it yet, meets a position the new leader moved on in the
 * shared {@link JdbcStateRepository}: its commit is refused and reaches the consumer's exception handler as a failed
 * poll, the shared position is not moved back, and its next poll continues from the new leader's position. The new
 * leader is played by a second repository instance on the same database, writing in the middle of a page.
 */
class StaleLeaderPositionTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0, 0);

    private JdbcDataSource db;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final ExceptionHandler handler = new ExceptionHandler() {
        @Override
        public void handleException(Throwable exception) {
            failures.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            failures.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            failures.add(exception);
        }
    };

    @BeforeEach
    void database() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:stale-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    private static String ts(long id) {
        return T0.plusSeconds(id).format(TS);
    }

    private CamelContext start(String uri, Processor route, java.util.function.Consumer<CamelContext> setup)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("positions", new JdbcStateRepository(db));
        context.getRegistry().bind("handler", handler);
        setup.accept(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("sync").process(route);
            }
        });
        contexts.add(context);
        context.start();
        return context;
    }

    private List<StateConflictException> conflicts() {
        return failures.stream().filter(StateConflictException.class::isInstance)
                .map(StateConflictException.class::cast).toList();
    }

    @Test
    void theSyncOfAStaleLeaderCannotMoveTheWatermarkBackAndGoesOnFromTheNewLeaders() throws Exception {
        try (FakeCommerce commerce = new FakeCommerce("/V1/orders")) {
            for (long id = 1; id <= 300; id++) {
                commerce.put(id, ts(id));
            }
            JdbcStateRepository newLeader = new JdbcStateRepository(db);
            String newLeadersWatermark = ts(200) + "|200";
            List<Long> delivered = new CopyOnWriteArrayList<>();
            AtomicBoolean tookOver = new AtomicBoolean();
            start("accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20&initialDelay=0"
                  + "&incrementalOverlap=1000&stateRepository=#positions&syncId=orders&exceptionHandler=#handler",
                    e -> {
                        long id = ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
                        delivered.add(id);
                        if (id == 120 && tookOver.compareAndSet(false, true)) {
                            // meanwhile another node took over from the stored watermark and moved it to 200
                            newLeader.getState("accs:orders");
                            newLeader.setState("accs:orders", newLeadersWatermark);
                        }
                    },
                    c -> c.addComponent("accs", commerce.component("stale-client", "stale-secret")));

            await().atMost(Duration.ofSeconds(20)).until(() -> !conflicts().isEmpty());
            StateConflictException refused = conflicts().get(0);
            assertEquals("accs:orders", refused.getKey());
            assertTrue(refused.getMessage().contains("'" + ts(150) + "|150' is not stored"), refused.getMessage());
            // the refused page ended the poll: the next one starts from the new leader's watermark, not from 150
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.contains(300L));
            assertEquals(List.of(), delivered.stream().filter(id -> id > 150 && id < 199).toList(),
                    "nothing between the refused 150 and the new leader's 200 (less the 1 s look-back)");
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> (ts(300) + "|300").equals(new JdbcStateRepository(db).getState("accs:orders")));
            assertEquals(1, conflicts().size(), failures.toString());
        }
    }

    @Test
    void aStaleLeaderStoppingAfterARefusedWriteStopsAndLeavesTheNewLeadersWatermark() throws Exception {
        try (FakeCommerce commerce = new FakeCommerce("/V1/orders")) {
            for (long id = 1; id <= 100; id++) {
                commerce.put(id, ts(id));
            }
            JdbcStateRepository newLeader = new JdbcStateRepository(db);
            AtomicBoolean tookOver = new AtomicBoolean();
            // one poll only (the next one in a minute): the stop is the next write after the refused one
            CamelContext context = start("accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=60000"
                                         + "&initialDelay=0&stateRepository=#positions&syncId=orders"
                                         + "&exceptionHandler=#handler",
                    e -> {
                        long id = ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
                        if (id == 70 && tookOver.compareAndSet(false, true)) {
                            newLeader.getState("accs:orders");
                            newLeader.setState("accs:orders", ts(90) + "|90");
                        }
                    },
                    c -> c.addComponent("accs", commerce.component("stale-client", "stale-secret")));
            await().atMost(Duration.ofSeconds(20)).until(() -> !conflicts().isEmpty());

            String log;
            try (LogCapture capture = new LogCapture()) {
                context.getRouteController().stopRoute("sync");
                log = capture.text();
            }

            assertEquals(org.apache.camel.ServiceStatus.Stopped, context.getRouteController().getRouteStatus("sync"));
            assertEquals(ts(90) + "|90", new JdbcStateRepository(db).getState("accs:orders"));
            // one line naming the watermark, not a failed shutdown of the route with a stack trace
            assertTrue(log.contains("The watermark of /V1/orders was not stored at stop"), log);
            assertTrue(!log.contains("Error occurred while shutting down route"), log);
        }
    }

    @Test
    void theJournalOfAStaleLeaderCannotMoveThePositionBackAndGoesOnFromTheNewLeaders() throws Exception {
        AccsSimulator sim = AccsSimulator.builder().products(0).orders(0).build().start();
        try {
            sim.events().retryAfterSeconds(1);
            List<JournalEntry> published = sim.events().publishSynthetic(300);
            String newLeadersPosition = published.get(199).position();
            JdbcStateRepository newLeader = new JdbcStateRepository(db);
            List<String> delivered = new CopyOnWriteArrayList<>();
            AtomicInteger count = new AtomicInteger();
            start("accs-events:journal?journalUrl=" + sim.journalUrl() + "&initialDelay=0&delay=20&limit=50"
                  + "&stateRepository=#positions&syncId=mirror&exceptionHandler=#handler",
                    e -> {
                        delivered.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class));
                        if (count.incrementAndGet() == 120) {
                            String key = journalKey();
                            newLeader.getState(key);
                            newLeader.setState(key, newLeadersPosition);
                        }
                    },
                    c -> {
                        AccsComponent accs = c.getComponent("accs", AccsComponent.class);
                        accs.getConfiguration().setImsUrl(sim.imsUrl());
                        accs.getConfiguration().setClientId(sim.clientId());
                        accs.getConfiguration().setClientSecret(sim.clientSecret());
                        accs.getConfiguration().setOrgId(sim.orgId());
                    });

            await().atMost(Duration.ofSeconds(20)).until(() -> !conflicts().isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> delivered.contains(published.get(299).event().get("event_id").asText()));
            List<String> ids = published.stream().map(p -> p.event().get("event_id").asText()).toList();
            // the event whose commit was refused ran; none after it up to the new leader's position did here
            // compared as booleans: a failure lists 300 UUIDs otherwise
            assertTrue(ids.subList(0, 120).equals(delivered.subList(0, 120)), "the first 120 in order");
            List<String> after = delivered.subList(120, delivered.size());
            assertTrue(ids.subList(200, 300).equals(after), "after the refusal, from the new leader's position on: "
                                                             + after.size() + " events, the first at index "
                                                             + ids.indexOf(after.get(0)));
            assertEquals(published.get(299).position(), new JdbcStateRepository(db).getState(journalKey()));
            assertEquals(1, conflicts().size(), failures.toString());
        } finally {
            contexts.forEach(CamelContext::stop);
            sim.close();
        }
    }

    private String journalKey() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state_key FROM ACCS_STATE WHERE state_key LIKE 'accs-events:mirror:%'")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
