package io.camelaccs.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of running events shared by pods (two instances on one H2 database): one pod wins an event claimed by two
 * at the same instant, a live claim holds while its pod keeps it alive, an abandoned one expires and is taken over.
 */
class JdbcEventClaimsTest {

    private JdbcDataSource db;
    private final List<JdbcEventClaims> pods = new ArrayList<>();

    @BeforeEach
    void database() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void stop() {
        pods.forEach(JdbcEventClaims::stop);
    }

    private JdbcEventClaims pod(long maxAge, long keepAlive) {
        JdbcEventClaims claims = new JdbcEventClaims(db, "commerce-events-running");
        claims.setLockMaxAgeMillis(maxAge);
        claims.setLockKeepAliveIntervalMillis(keepAlive);
        claims.start();
        pods.add(claims);
        return claims;
    }

    @Test
    void twoPodsClaimingTheSameEventsAtTheSameInstantNeverBothWin() throws Exception {
        JdbcEventClaims a = pod(60_000, 10_000);
        JdbcEventClaims b = pod(60_000, 10_000);
        int events = 400;
        int[] winners = race(events, a::add, b::add);
        assertEquals(events, winners[1], "exactly one pod wins each event (" + winners[2] + " won by both)");
        assertEquals(0, winners[2]);
    }

    /**
     * What this class is for: Camel's lease repository checks for a live claim and then writes its own, and takes a
     * claim committed in between for an orphan. The same race there; shown, not asserted, as it depends on timing.
     */
    @Test
    void camelsLeaseRepositoryIsRacedTheSameWay() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.start();
        try {
            JdbcOrphanLockAwareIdempotentRepository a
                    = new JdbcOrphanLockAwareIdempotentRepository(db, "camel-running", context);
            JdbcOrphanLockAwareIdempotentRepository b
                    = new JdbcOrphanLockAwareIdempotentRepository(db, "camel-running", context);
            for (JdbcOrphanLockAwareIdempotentRepository r : List.of(a, b)) {
                r.setLockMaxAgeMillis(60_000);
                r.setLockKeepAliveIntervalMillis(10_000);
                r.start();
            }
            int[] winners = race(400, key -> claimOrFalse(a, key), key -> claimOrFalse(b, key));
            io.camelaccs.testsupport.Figures.report("event claims racing on Camel's JdbcOrphanLockAwareIdempotentRepository",
                    winners[2] + " of 400 events claimed by both pods");
            a.stop();
            b.stop();
        } finally {
            context.stop();
        }
    }

    private static boolean claimOrFalse(JdbcOrphanLockAwareIdempotentRepository r, String key) {
        try {
            return r.add(key);
        } catch (RuntimeException duplicateKey) {
            return false;
        }
    }

    /** Both claim each event at once; {events, events won by exactly one, events won by both}. */
    private static int[] race(int events, java.util.function.Predicate<String> a, java.util.function.Predicate<String> b)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            int one = 0;
            int both = 0;
            for (int i = 0; i < events; i++) {
                String id = "event-" + i;
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> fa = threads.submit(() -> {
                    together.await();
                    return a.test(id);
                });
                Future<Boolean> fb = threads.submit(() -> {
                    together.await();
                    return b.test(id);
                });
                boolean wa = fa.get();
                boolean wb = fb.get();
                one += wa ^ wb ? 1 : 0;
                both += wa && wb ? 1 : 0;
            }
            return new int[] { events, one, both };
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aLiveClaimHoldsAndItsReleaseLetsTheNextPodRunTheEvent() {
        JdbcEventClaims a = pod(60_000, 10_000);
        JdbcEventClaims b = pod(60_000, 10_000);
        assertTrue(a.add("e-1"));
        assertFalse(b.add("e-1"), "a runs it");
        assertTrue(b.contains("e-1"));
        assertTrue(a.remove("e-1"));
        assertFalse(b.contains("e-1"));
        assertTrue(b.add("e-1"), "released: the retry runs it");
    }

    @Test
    void aClaimKeptAliveOutlivesItsMaxAgeAndAnAbandonedOneIsTakenOver() {
        JdbcEventClaims a = pod(600, 100);
        JdbcEventClaims b = pod(600, 100);
        assertTrue(a.add("kept"));
        long claimed = System.currentTimeMillis();
        // a keeps it alive: past its max age, b still finds it held
        await().until(() -> System.currentTimeMillis() - claimed > 1200);
        assertFalse(b.add("kept"), "kept alive by a");

        assertTrue(a.add("abandoned"));
        a.stop(); // the pod dies: nobody renews its claims
        long died = System.currentTimeMillis();
        assertFalse(b.add("abandoned"), "still a live claim right after the death");
        await().until(() -> b.add("abandoned"));
        assertTrue(System.currentTimeMillis() - died >= 400, "taken over once the lease expired");
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheOption() {
        JdbcEventClaims claims = new JdbcEventClaims(db, "p");
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> claims.setTableName("CLAIMS; DROP TABLE X"));
        assertTrue(name.getMessage().startsWith("Option tableName of JdbcEventClaims must be an SQL identifier"));
        claims.setLockMaxAgeMillis(1000);
        claims.setLockKeepAliveIntervalMillis(1000);
        IllegalArgumentException ages = assertThrows(IllegalArgumentException.class, claims::start);
        assertTrue(ages.getMessage().startsWith("Option lockMaxAgeMillis (1000) of JdbcEventClaims must be above"
                                                + " lockKeepAliveIntervalMillis (1000)"), ages.getMessage());
    }

    @Test
    void completedAndRunningIdsShareCamelsTable() throws Exception {
        org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository completed
                = new org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository(db, "commerce-events");
        completed.start();
        JdbcEventClaims running = pod(60_000, 10_000);
        assertTrue(completed.add("e-9"));
        assertTrue(running.add("e-9"), "the same id under another processorName");
        assertTrue(completed.contains("e-9"));
        completed.stop();
    }
}
