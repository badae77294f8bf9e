package io.camelaccs.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * An export against a tenant far away (a generator server that answers each search after a fixed latency): accs
 * {@code fetchAll} with {@code parallelism} N and {@code .split(body()).streaming()}, against a plain sequential page
 * loop (Apache HttpClient 5 and {@code ObjectMapper.readTree} per page), whose time is one latency per page.
 */
final class LatencyBenchmark implements AutoCloseable {

    static final String SEQUENTIAL = "sequential page loop (HttpClient + readTree)";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GeneratorServer server;
    private final int pageSize;
    private final CamelContext context;
    private final ProducerTemplate template;
    private final CloseableHttpClient http = HttpClients.createDefault();
    private final AtomicLong exported = new AtomicLong();

    LatencyBenchmark(GeneratorServer server, int pageSize, int... parallelisms) throws Exception {
        this.server = server;
        this.pageSize = pageSize;
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(server.baseUrl());
        accs.getConfiguration().setImsUrl(server.imsUrl());
        accs.getConfiguration().setClientId("bench-client");
        accs.getConfiguration().setClientSecret("bench-secret");
        context.addComponent("accs", accs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int n : parallelisms) {
                    from("direct:latency-" + n)
                            .to("accs:get:/V1/products?fetchAll=true&pageSize=" + pageSize + "&parallelism=" + n)
                            .split(body()).streaming()
                                .process(e -> exported.incrementAndGet())
                            .end();
                }
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    static String accsContender(int parallelism) {
        return "accs fetchAll parallelism=" + parallelism + " + split streaming";
    }

    /** accs: one exchange whose body iterates every product, split in streaming mode. */
    ExportBenchmark.Walk accs(int parallelism) {
        exported.set(0);
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            template.requestBody("direct:latency-" + parallelism, (Object) null);
            long elapsed = System.nanoTime() - t0;
            return ExportBenchmark.Walk.of(accsContender(parallelism), pageSize, exported.get(), elapsed, heap,
                    server.searches.get() - searches);
        }
    }

    /** The plain loop: GET page after page, readTree it, count its items, until total_count. */
    ExportBenchmark.Walk sequential() throws Exception {
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            long items = 0;
            long total = Long.MAX_VALUE;
            for (int page = 1; items < total; page++) {
                HttpGet get = new HttpGet(server.baseUrl() + "/V1/products?searchCriteria%5BpageSize%5D=" + pageSize
                                          + "&searchCriteria%5BcurrentPage%5D=" + page);
                get.setHeader("Authorization", "Bearer generator-token");
                JsonNode tree = http.execute(get, response -> MAPPER.readTree(response.getEntity().getContent()));
                JsonNode list = tree.get("items");
                for (JsonNode item : list) {
                    if (item.get("sku") != null) {
                        items++;
                    }
                }
                total = tree.get("total_count").asLong();
                if (list.size() < pageSize) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - t0;
            return ExportBenchmark.Walk.of(SEQUENTIAL, pageSize, items, elapsed, heap, server.searches.get() - searches);
        }
    }

    @Override
    public void close() throws Exception {
        context.stop();
        http.close();
    }
}
