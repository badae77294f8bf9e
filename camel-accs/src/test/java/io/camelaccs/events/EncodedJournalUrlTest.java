package io.camelaccs.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A journalUrl that arrives URL-encoded, as camel-yaml-dsl 4.18's Pipe loader passes a URL-valued Pipe property
 * ({@code https%3A%2F%2F...}): decoded once, so the journal is read; any other value is kept as written.
 */
class EncodedJournalUrlTest {

    private AccsSimulator sim;
    private CamelContext context;

    @BeforeEach
    void start() {
        sim = AccsSimulator.builder().products(5).build().start();
        sim.events().retryAfterSeconds(1);
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
    }

    @AfterEach
    void stop() {
        context.stop();
        sim.close();
    }

    @Test
    void anEncodedJournalUrlIsDecodedOnceAndTheJournalRead() throws Exception {
        String encoded = URLEncoder.encode(sim.journalUrl(), StandardCharsets.UTF_8);
        assertEquals("http%3A%2F%2F", encoded.substring(0, 13), "what the Pipe loader hands over");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // RAW: the component receives the value exactly as the Pipe loader's URI delivers it
                from("accs-events:journal?journalUrl=RAW(" + encoded + ")").routeId("events").to("mock:events");
            }
        });
        context.start();
        MockEndpoint events = context.getEndpoint("mock:events", MockEndpoint.class);

        sim.products().update(sim.products().skus().get(0), p -> p.put("name", "Renamed"));

        await().atMost(Duration.ofSeconds(20)).until(() -> events.getReceivedCounter() == 1);
        AccsEventsEndpoint endpoint = context.getEndpoints().stream().filter(AccsEventsEndpoint.class::isInstance)
                .map(AccsEventsEndpoint.class::cast).findFirst().orElseThrow();
        assertEquals(sim.journalUrl(), endpoint.getConfiguration().getJournalUrl());
    }

    @Test
    void onlyAValueStartingWithAnEncodedSchemeIsDecoded() {
        assertEquals("HTTPS://events-va6.adobe.io/events/organizations/O/integrations/C/R?a=1+2",
                EncodedUrl.decodeOnce("HTTPS%3a%2F%2Fevents-va6.adobe.io%2Fevents%2Forganizations%2FO%2Fintegrations"
                                      + "%2FC%2FR%3Fa%3D1+2"));
        assertEquals("http://localhost:8080/j", EncodedUrl.decodeOnce("http%3A%2F%2Flocalhost%3A8080%2Fj"));
        // decoded once only: what was encoded in the URL itself stays encoded
        assertEquals("https://h/a%20b", EncodedUrl.decodeOnce("https%3A%2F%2Fh%2Fa%2520b"));
        String plain = "https://h/events/a%2Fb";
        assertEquals(plain, EncodedUrl.decodeOnce(plain));
        assertEquals("https%3A%2F%2Fh%2F%zz", EncodedUrl.decodeOnce("https%3A%2F%2Fh%2F%zz"), "malformed: kept");
        assertEquals(null, EncodedUrl.decodeOnce(null));
    }
}
