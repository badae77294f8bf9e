package io.camelaccs.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.state.JdbcStateRepository;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Failover of an incremental sync: two nodes behind {@code master:} on an embedded ZooKeeper, their watermark in one
 * {@link JdbcStateRepository} on H2, syncing the simulator's orders at one poll per second. When the leader has
 * delivered a share of them, it dies: its ZooKeeper session is left to expire (as a crashed process leaves it) and its
 * ZooKeeper client is gone, so nothing releases the leadership before the session times out. Measured: the time from the death to the first item the new leader delivers (its first poll),
 * the duplicates, and the changes never delivered (skipped).
 */
final class FailoverBenchmark implements AutoCloseable {

    record Result(int changes, int deliveredBeforeDeath, long takeoverMillis, int duplicates, int skipped,
                  long sessionTimeoutMillis, long pollDelayMillis, double walkSeconds, int negotiatedSessionMillis) {
    }

    private final int changes;
    private final int pageSize;
    private final long sessionTimeoutMillis;
    private final long pollDelayMillis;
    private final long initialDelayMillis;
    private final double killAtShare;
    /** {@code master} (the consumer behind master:) or {@code routePolicy} (the route behind ClusteredRoutePolicy). */
    private final String leadership;
    private final TestingServer zookeeper;
    private final AccsSimulator sim;
    private final JdbcDataSource db;
    private final List<CamelContext> nodes = new ArrayList<>();
    private final List<CuratorFramework> curators = new ArrayList<>();
    /** Per item version (id@updated_at), how many times it was delivered; and by which node last. */
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final Map<String, AtomicLong> byNode = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstNode = new AtomicReference<>();

    FailoverBenchmark(int changes, int pageSize, long sessionTimeoutMillis, long pollDelayMillis,
                      long initialDelayMillis, double killAtShare, String leadership) throws Exception {
        if (!leadership.equals("master") && !leadership.equals("routePolicy")) {
            throw new IllegalArgumentException("bench.failoverLeadership must be master or routePolicy, not "
                                               + leadership);
        }
        this.leadership = leadership;
        this.initialDelayMillis = initialDelayMillis;
        this.changes = changes;
        this.pageSize = pageSize;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
        this.pollDelayMillis = pollDelayMillis;
        this.killAtShare = killAtShare;
        // a tick of a tenth of the session timeout: ZooKeeper grants 2 to 20 ticks, and cuts what is asked to that
        int tick = (int) Math.max(1, sessionTimeoutMillis / 10);
        this.zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, tick, -1), true);
        this.sim = AccsSimulator.builder().products(0).orders(changes).build().start();
        this.db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:failover-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private CamelContext node(String name) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        CuratorFramework curator = CuratorFrameworkFactory.builder().connectString(zookeeper.getConnectString())
                .sessionTimeoutMs((int) sessionTimeoutMillis).connectionTimeoutMs(1000)
                .retryPolicy(new ExponentialBackoffRetry(100, 5)).build();
        curator.start();
        curators.add(curator);
        ZooKeeperCuratorConfiguration zk = new ZooKeeperCuratorConfiguration();
        zk.setCuratorFramework(curator);
        ZooKeeperClusterService cluster = new ZooKeeperClusterService(zk);
        cluster.setId(name);
        cluster.setBasePath("/camel-accs/benchmark");
        context.addService(cluster);
        context.getRegistry().bind("positions", new JdbcStateRepository(db));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setBaseUrl(sim.baseUrl());
        accs.getConfiguration().setImsUrl(sim.imsUrl());
        accs.getConfiguration().setClientId(sim.clientId());
        accs.getConfiguration().setClientSecret(sim.clientSecret());
        accs.getConfiguration().setOrgId(sim.orgId());
        context.getShutdownStrategy().setTimeout(1);
        // one poll a second (delay), the first one initialDelay after the route starts (by default also a second)
        String sync = "accs:get:/V1/orders?incrementalField=updated_at&pageSize=" + pageSize
                      + "&delay=" + pollDelayMillis + "&initialDelay=" + initialDelayMillis
                      + "&stateRepository=#positions&syncId=orders";
        boolean master = leadership.equals("master");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                RouteDefinition route = from(master ? "master:orders:" + sync : sync).routeId("orders-sync");
                if (!master) {
                    route.routePolicy(ClusteredRoutePolicy.forNamespace(getContext(), "orders"));
                }
                route.process(e -> {
                    Map<?, ?> order = e.getMessage().getBody(Map.class);
                    deliveries.merge(order.get("entity_id") + "@" + order.get("updated_at"), 1, Integer::sum);
                    byNode.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
                    firstNode.compareAndSet(null, name);
                    total.incrementAndGet();
                });
            }
        });
        nodes.add(context);
        context.start();
        return context;
    }

    Result run(Duration budget) throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        long started = System.nanoTime();
        CamelContext a = node("a");
        CamelContext b = node("b");
        long killAt = (long) (changes * killAtShare);
        while (total.get() < killAt) {
            waitABit(deadline);
        }
        String leader = firstNode.get();
        String survivor = leader.equals("a") ? "b" : "a";
        CamelContext dying = leader.equals("a") ? a : b;
        int beforeDeath = (int) total.get();
        int negotiated = curators.get(nodes.indexOf(dying)).getZookeeperClient().getZooKeeper().getSessionTimeout();
        long death = System.nanoTime();
        // the crash: the server learns of it only when the session times out (the client is gone before anything
        // could release the leadership), and the node stops delivering
        CuratorFramework dyingClient = curators.get(nodes.indexOf(dying));
        KillSession.kill(dyingClient.getZookeeperClient().getZooKeeper());
        dyingClient.close();
        dying.stop();
        while (byNode.getOrDefault(survivor, new AtomicLong()).get() == 0) {
            waitABit(deadline);
        }
        long takeover = System.nanoTime() - death;
        Set<String> expected = new HashSet<>();
        for (long id = 1; id <= changes; id++) {
            expected.add(id + "@" + sim.orders().get(id).orElseThrow().get("updated_at").asText());
        }
        while (!deliveries.keySet().containsAll(expected)) {
            if (System.nanoTime() > deadline) {
                break;
            }
            waitABit(deadline);
        }
        double walkSeconds = (System.nanoTime() - started) / 1e9;
        int skipped = (int) expected.stream().filter(k -> !deliveries.containsKey(k)).count();
        int duplicates = (int) (total.get() - deliveries.size());
        return new Result(changes, beforeDeath, takeover / 1_000_000, duplicates, skipped, sessionTimeoutMillis,
                pollDelayMillis, walkSeconds, negotiated);
    }

    /** A short park between checks; the benchmark has no callback to wait on. */
    private static void waitABit(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the failover benchmark ran out of its time budget");
        }
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }

    @Override
    public void close() throws Exception {
        nodes.forEach(CamelContext::stop);
        curators.forEach(CuratorFramework::close);
        sim.close();
        zookeeper.close();
    }
}
