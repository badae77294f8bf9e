package io.camelaccs.scaleout;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.events.JdbcEventClaims;
import io.camelaccs.events.SharedEventRepository;
import io.camelaccs.state.JdbcStateRepository;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.main.Main;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.util.OrderedProperties;
import org.apache.curator.test.TestingServer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/scale-out.md's snippets, run as the page writes them: the routes and the beans of every pod (two pods on one
 * embedded ZooKeeper and one H2 database, polling the simulator), the Camel Main properties (the PostgreSQL DataSource
 * swapped for H2, the only lines changed), the Kubernetes cluster service (built, not started: no cluster here) and
 * the RBAC its pods need (parsed and checked).
 */
class ScaleOutDocTest {

    private static final Path PAGE = Path.of("..", "docs", "scale-out.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "camelaccs", "scaleout",
            "ScaleOutDocTest.java");

    private TestingServer zookeeper;
    private AccsSimulator sim;
    private DataSource dataSource;
    private final List<CamelContext> pods = new ArrayList<>();
    private final Map<String, Set<String>> routedBy = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        sim = AccsSimulator.builder().products(0).orders(120).build().start();
        sim.events().retryAfterSeconds(1);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:doc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
    }

    @AfterEach
    void stop() throws Exception {
        pods.forEach(CamelContext::stop);
        sim.close();
        zookeeper.close();
    }

    /** The beans every pod binds: docs/scale-out.md, "Every pod". */
    static void pod(CamelContext context, String podName, String zookeeperNodes, DataSource dataSource)
            throws Exception {
        // docs/scale-out.md, "Every pod"
        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setId(podName);
        cluster.setNodes(zookeeperNodes);
        cluster.setBasePath("/camel-accs/cluster");
        cluster.setSessionTimeout(10_000);
        context.addService(cluster);

        context.getRegistry().bind("positions", new JdbcStateRepository(dataSource));

        JdbcMessageIdRepository completed = new JdbcMessageIdRepository(dataSource, "commerce-events");
        JdbcEventClaims running = new JdbcEventClaims(dataSource, "commerce-events-running");
        running.setLockMaxAgeMillis(60_000);
        running.setLockKeepAliveIntervalMillis(10_000);
        context.getRegistry().bind("eventIds", new SharedEventRepository(completed, running));
        // end of the snippet
    }

    /** The routes of every pod: docs/scale-out.md, "The routes". */
    static class Routes extends RouteBuilder {
        @Override
        public void configure() {
            // docs/scale-out.md, "The routes"
            from("master:orders:accs:get:/V1/orders?incrementalField=updated_at&syncId=orders"
                 + "&stateRepository=#positions")
                    .routeId("orders-sync")
                    .to("direct:upsert-order");

            from("master:journal:accs-events:journal?journalUrl={{commerce.journalUrl}}&syncId=mirror"
                 + "&stateRepository=#positions&idempotentRepository=#eventIds")
                    .routeId("events-journal")
                    .to("direct:apply-event");

            from("accs-events:webhook:/hooks/commerce?idempotentRepository=#eventIds")
                    .routeId("events-webhook")
                    .to("direct:apply-event");
            // end of the snippet
        }
    }

    /** The sync behind a route policy instead of master: docs/scale-out.md, "A faster takeover". */
    static class PolicyRoutes extends RouteBuilder {
        @Override
        public void configure() throws Exception {
            // docs/scale-out.md, "A faster takeover"
            from("accs:get:/V1/orders?incrementalField=updated_at&syncId=orders"
                 + "&stateRepository=#positions")
                    .routeId("orders-sync")
                    .routePolicy(ClusteredRoutePolicy.forNamespace(getContext(), "orders"))
                    .to("direct:upsert-order");
            // end of the snippet
        }
    }

    private CamelContext startPod(String name) throws Exception {
        return startPod(name, new Routes());
    }

    private CamelContext startPod(String name, RouteBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(AvailablePortFinder.getNextAvailable());
        context.addService(new VertxPlatformHttpServer(server));
        context.getPropertiesComponent().addInitialProperty("commerce.journalUrl", sim.journalUrl());
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setBaseUrl(sim.baseUrl());
        accs.getConfiguration().setImsUrl(sim.imsUrl());
        accs.getConfiguration().setClientId(sim.clientId());
        accs.getConfiguration().setClientSecret(sim.clientSecret());
        accs.getConfiguration().setOrgId(sim.orgId());
        pod(context, name, zookeeper.getConnectString(), dataSource);
        context.addRoutes(routes);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upsert-order").process(e -> routedBy.computeIfAbsent("orders", k -> ConcurrentHashMap.newKeySet()).add(name));
                from("direct:apply-event").process(e -> routedBy.computeIfAbsent("events", k -> ConcurrentHashMap.newKeySet()).add(name));
            }
        });
        context.start();
        pods.add(context);
        return context;
    }

    @Test
    void twoPodsRunThePagesRoutesAndBeansOneSyncsAndReadsTheJournalBothStartTheWebhookRoute() throws Exception {
        sim.events().publishSynthetic(30);
        CamelContext a = startPod("pod-a");
        CamelContext b = startPod("pod-b");

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JdbcStateRepository positions = new JdbcStateRepository(dataSource);
            return positions.getState("accs:orders") != null && routedBy.containsKey("events");
        });
        assertEquals(1, routedBy.get("orders").size(), "one pod syncs: " + routedBy);
        assertEquals(routedBy.get("orders"), routedBy.get("events"), "the same leader reads the journal");
        for (CamelContext pod : List.of(a, b)) {
            assertEquals(ServiceStatus.Started, pod.getRouteController().getRouteStatus("events-webhook"),
                    "every pod receives webhooks");
        }
    }

    @Test
    void behindTheRoutePolicyOnePodSyncsAndTheOtherGoesOnFromTheSharedWatermarkWhenItStops() throws Exception {
        CamelContext a = startPod("pod-a", new PolicyRoutes());
        CamelContext b = startPod("pod-b", new PolicyRoutes());
        JdbcStateRepository positions = new JdbcStateRepository(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> positions.getState("accs:orders") != null);
        Set<String> syncing = Set.copyOf(routedBy.get("orders"));
        assertEquals(1, syncing.size(), "one pod syncs: " + routedBy);
        CamelContext leader = syncing.contains("pod-a") ? a : b;
        CamelContext other = leader == a ? b : a;
        assertEquals(ServiceStatus.Stopped, other.getRouteController().getRouteStatus("orders-sync"),
                "the other pod's sync route waits for the leadership");
        String stored = positions.getState("accs:orders");

        leader.stop();
        sim.orders().setStatus(7, "complete");
        await().atMost(Duration.ofSeconds(30)).until(() -> routedBy.get("orders").size() == 2);
        assertEquals(ServiceStatus.Started, other.getRouteController().getRouteStatus("orders-sync"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !stored.equals(positions.getState("accs:orders")));
    }

    @Test
    void thePagesJavaSnippetsAreTheOnesThisTestRuns() throws Exception {
        String page = Files.readString(PAGE);
        String source = Files.readString(SOURCE);
        for (String section : List.of("Every pod", "The routes", "Camel Main", "A faster takeover")) {
            String marker = "// docs/scale-out.md, \"" + section + "\"";
            int from = source.indexOf(marker) + marker.length();
            String code = source.substring(from, source.indexOf("// end of the snippet", from));
            assertTrue(normalize(page).contains(normalize(code)),
                    "docs/scale-out.md's \"" + section + "\" snippet and the code this test runs must be the same");
        }
    }

    /** Camel Main: the page's properties, with the PostgreSQL DataSource lines swapped for an H2 one. */
    @Test
    void theCamelMainPropertiesStartAClusteredPodOnTheSharedDatabase() throws Exception {
        String properties = block(Files.readString(PAGE), "properties", "camel.beans.accsDb");
        assertTrue(properties.contains("#class:org.postgresql.ds.PGSimpleDataSource"), properties);
        String runnable = properties
                .replace("#class:org.postgresql.ds.PGSimpleDataSource", "#class:org.h2.jdbcx.JdbcDataSource")
                .replaceAll("(?m)^camel\\.beans\\.accsDb\\.url = .*$",
                        "camel.beans.accsDb.url = jdbc:h2:mem:main-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .replaceAll("(?m)^camel\\.beans\\.accsDb\\.(user|password) = .*$", "")
                .replaceAll("(?m)^zookeeper\\.nodes = .*$", "zookeeper.nodes = " + zookeeper.getConnectString())
                .replace("com.example.sync.ZooKeeperCluster", ZooKeeperCluster.class.getName());
        // in the file's order, as Camel Main reads application.properties: a bean's references come before it
        Properties props = new OrderedProperties();
        props.load(new StringReader(runnable));
        Main main = new Main();
        main.setOverrideProperties(props);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:probe:timer:probe?period=100").routeId("probe").to("mock:led");
            }
        });
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            assertNotNull(context.hasService(ZooKeeperClusterService.class), "the cluster service is in use");
            JdbcStateRepository positions = assertInstanceOf(JdbcStateRepository.class,
                    context.getRegistry().lookupByName("positions"));
            positions.start();
            positions.setState("accs:probe", "1");
            assertEquals("1", new JdbcStateRepository(positions.getDataSource()).getState("accs:probe"));
            // the event ids the page's routes name, on the same database
            SharedEventRepository eventIds = assertInstanceOf(SharedEventRepository.class,
                    context.getRegistry().lookupByName("eventIds"));
            eventIds.start();
            assertTrue(eventIds.claim("ev-main"));
            assertTrue(!eventIds.claim("ev-main"), "claimed already");
            assertTrue(eventIds.add("ev-main"));
            assertTrue(eventIds.contains("ev-main"));
            eventIds.release("ev-main");
            eventIds.stop();
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> context.getEndpoint("mock:led", org.apache.camel.component.mock.MockEndpoint.class)
                            .getReceivedCounter() > 0);
        } finally {
            main.stop();
        }
    }

    /** docs/scale-out.md, "Camel Main": the configuration class, as the page writes it. */
    public static class ZooKeeperCluster implements CamelConfiguration {
        // docs/scale-out.md, "Camel Main"
        @Override
        public void configure(CamelContext camelContext) throws Exception {
            ZooKeeperClusterService cluster = new ZooKeeperClusterService();
            cluster.setId(camelContext.resolvePropertyPlaceholders("{{env:HOSTNAME:local}}"));
            cluster.setNodes(camelContext.resolvePropertyPlaceholders("{{zookeeper.nodes}}"));
            cluster.setBasePath("/camel-accs/cluster");
            cluster.setSessionTimeout(10_000);
            camelContext.addService(cluster);
        }
        // end of the snippet
    }

    /** Kubernetes: the page's cluster service is built as written (started only on a cluster). */
    @Test
    void theKubernetesClusterServiceOfThePageIsBuiltAsWritten() throws Exception {
        CamelContext context = new DefaultCamelContext();
        // docs/scale-out.md, "Kubernetes"
        KubernetesClusterService cluster = new KubernetesClusterService();
        cluster.setKubernetesNamespace(System.getenv().getOrDefault("POD_NAMESPACE", "commerce"));
        cluster.setPodName(System.getenv().getOrDefault("HOSTNAME", "commerce-sync-0"));
        cluster.setLeaseResourceType(LeaseResourceType.Lease);
        cluster.setKubernetesResourceName("commerce-sync-leaders");
        cluster.setClusterLabels(Map.of("app", "commerce-sync"));
        cluster.setLeaseDurationMillis(15_000);
        cluster.setRenewDeadlineMillis(10_000);
        cluster.setRetryPeriodMillis(2_000);
        context.addService(cluster);
        // end of the snippet
        assertEquals("commerce-sync-leaders", cluster.getKubernetesResourceName());
        assertTrue(context.hasService(KubernetesClusterService.class) != null);
        String source;
        try {
            source = Files.readString(SOURCE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String marker = "// docs/scale-out.md, \"Kubernetes\"";
        int from = source.indexOf(marker) + marker.length();
        String code = source.substring(from, source.indexOf("// end of the snippet", from));
        try {
            assertTrue(normalize(Files.readString(PAGE)).contains(normalize(code)),
                    "docs/scale-out.md's Kubernetes snippet and the code this test builds must be the same");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page's DDL, run on H2, is a table JdbcStateRepository works on without creating its own. */
    @Test
    void thePagesDdlMakesATableTheRepositoryUsesWithCreateTableOff() throws Exception {
        String ddl = block(Files.readString(PAGE), "sql", "CREATE TABLE ACCS_STATE");
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(ddl.trim().replaceAll(";$", ""));
        }
        JdbcStateRepository positions = new JdbcStateRepository(dataSource);
        positions.setCreateTable(false);
        positions.start();
        positions.setState("accs:orders", "2026-01-01 00:00:00|1");
        assertEquals("2026-01-01 00:00:00|1", new JdbcStateRepository(dataSource).getState("accs:orders"));
    }

    /** The RBAC of the page: a Role on leases (and the pods the cluster service lists) and its RoleBinding. */
    @Test
    void thePagesRbacGrantsWhatTheKubernetesClusterServiceUses() throws Exception {
        String yaml = block(Files.readString(PAGE), "yaml", "kind: Role");
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<JsonNode> documents = mapper.readerFor(JsonNode.class).<JsonNode> readValues(yaml).readAll();
        JsonNode role = documents.stream().filter(d -> "Role".equals(d.path("kind").asText())).findFirst().orElseThrow();
        JsonNode binding = documents.stream().filter(d -> "RoleBinding".equals(d.path("kind").asText())).findFirst()
                .orElseThrow();
        assertTrue(grants(role, "coordination.k8s.io", "leases", "get", "list", "watch", "create", "update", "patch"),
                role.toString());
        assertTrue(grants(role, "", "pods", "get", "list", "watch"), role.toString());
        assertEquals(role.path("metadata").path("name").asText(), binding.path("roleRef").path("name").asText());
        assertEquals("ServiceAccount", binding.path("subjects").get(0).path("kind").asText());
    }

    private static boolean grants(JsonNode role, String apiGroup, String resource, String... verbs) {
        for (JsonNode rule : role.path("rules")) {
            List<String> groups = strings((ArrayNode) rule.path("apiGroups"));
            List<String> resources = strings((ArrayNode) rule.path("resources"));
            List<String> allowed = strings((ArrayNode) rule.path("verbs"));
            if (groups.contains(apiGroup) && resources.contains(resource) && allowed.containsAll(List.of(verbs))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strings(ArrayNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The fenced block of the language that holds {@code containing}. */
    private static String block(String page, String language, String containing) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            if (m.group(1).contains(containing)) {
                return m.group(1);
            }
        }
        throw new AssertionError("docs/scale-out.md has no " + language + " block with " + containing);
    }

    private static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
