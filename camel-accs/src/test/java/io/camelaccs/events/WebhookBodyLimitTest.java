package io.camelaccs.events;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body larger than maxBodySize costs nothing when its Content-Length says so: it is refused with 413 before a byte
 * is read. Met on an engine that hands the route the request as a stream (as servlet engines do), where the consumer
 * decides what is read; and on Vert.x, which reads a body before any route sees it, with the engine limit the
 * documentation asks for.
 */
class WebhookBodyLimitTest {

    static final long FIVE_MIB = 5L * 1024 * 1024;

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** A platform-http engine that hands each request to the consumer's processor as the test builds it. */
    static final class StreamingEngine implements PlatformHttpEngine {
        final Map<String, Processor> byPath = new ConcurrentHashMap<>();

        @Override
        public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            byPath.put(endpoint.getPath(), processor);
            return new Listening(endpoint, processor);
        }
    }

    static final class Listening extends DefaultConsumer implements PlatformHttpConsumer {
        Listening(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        public PlatformHttpEndpoint getEndpoint() {
            return (PlatformHttpEndpoint) super.getEndpoint();
        }
    }

    /** A request body of {@code size} bytes that counts what is read of it. */
    static final class CountingBody extends InputStream {
        final AtomicLong read = new AtomicLong();
        private final long size;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read.get() >= size) {
                return -1;
            }
            read.incrementAndGet();
            return '0';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = size - read.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) '0');
            read.addAndGet(n);
            return n;
        }
    }

    private void startWebhook(CamelContext ctx) throws Exception {
        context = ctx;
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce").routeId("hook").log("routed");
            }
        });
        context.start();
    }

    private Exchange post(Processor processor, CountingBody body, Long contentLength) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader("Content-Type", "application/json");
        exchange.getMessage().setHeader("x-adobe-delivery-id", "d-big");
        if (contentLength != null) {
            exchange.getMessage().setHeader("Content-Length", String.valueOf(contentLength));
        }
        exchange.getMessage().setBody(body);
        processor.process(exchange);
        return exchange;
    }

    @Test
    void bodyAnnouncedLargerThanMaxBodySizeIsRefusedWithoutReadingAByte() throws Exception {
        StreamingEngine engine = new StreamingEngine();
        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("platform-http-engine", engine);
        startWebhook(ctx);
        Processor webhook = engine.byPath.get("/hooks/commerce");

        CountingBody announced = new CountingBody(FIVE_MIB);
        Exchange answer = post(webhook, announced, FIVE_MIB);
        assertEquals(413, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals(0, announced.read.get(), "bytes read of a body refused from its Content-Length");
        assertEquals("nosniff", answer.getMessage().getHeader("X-Content-Type-Options"));

        // without a Content-Length (chunked), reading stops at the bound
        CountingBody chunked = new CountingBody(FIVE_MIB);
        assertEquals(413, post(webhook, chunked, null).getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(chunked.read.get() <= 4L * 1024 * 1024 + 8192, "read " + chunked.read.get());
        assertEquals(2, context.getComponent("accs-events", AccsEventsComponent.class).getRequestsRejected());
    }

    @Test
    void onVertxTheDocumentedEngineLimitRefusesAnAnnouncedBodyBeforeItIsSent() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext ctx = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        // what docs/events.md asks for (camel.server.maxBodySize with Camel Main): Vert.x buffers 10 MiB otherwise
        server.setMaxBodySize(4L * 1024 * 1024);
        ctx.addService(new VertxPlatformHttpServer(server));
        startWebhook(ctx);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            // the headers only: the 5 MiB never come, so an answer proves nothing was waited for
            out.write(("POST /hooks/commerce HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                       + "Content-Length: " + FIVE_MIB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 413"), status);
        }
    }
}
