package io.camelaccs.component;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.FakeJournal;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees of the accs-events consumers (health checks, the dev console, JMX counters, logs at TRACE)
 * tells where they stand and never shows the client secret or a token.
 */
class EventsObservabilityTest {

    private static final String TOKEN = "tok-EVENTS-OBSERVED-secret";
    private static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final FakeJournal journal = new FakeJournal();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(journal)).build();

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void healthConsoleJmxAndLogsTellWhereTheConsumersStandWithoutASecret() throws Exception {
        journal.reset();
        ImsStubs.tokenIssued(wm, TOKEN, 86399);
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withTransformers(FakeJournal.NAME)));
        journal.append(FakeJournal.event("e1", SAVE));
        journal.append(FakeJournal.event("e1", SAVE));
        journal.append(FakeJournal.event("e2", SAVE));
        int port = AvailablePortFinder.getNextAvailable();
        List<String> routed = new CopyOnWriteArrayList<>();
        String text;
        Object json;
        String health;
        String logs;
        String toStrings;
        try (LogCapture log = new LogCapture()) {
            context = new DefaultCamelContext();
            context.getManagementStrategy();
            VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
            server.setBindPort(port);
            context.addService(new VertxPlatformHttpServer(server));
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            accs.getConfiguration().setImsUrl(wm.baseUrl());
            accs.getConfiguration().setOrgId(ORG_ID);
            // one set of IMS settings: the accs component's secret serves accs-events too
            accs.getConfiguration().setClientSecret(CLIENT_SECRET);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs-events:journal?journalUrl=" + wm.baseUrl() + FakeJournal.PATH + "&initialDelay=0&delay=20"
                         + "&clientId=" + CLIENT_ID)
                            .routeId("journal").process(e -> routed.add("journal"));
                    from("accs-events:webhook:/hooks/commerce?clientId=" + CLIENT_ID + "&publicKeyBaseUrl=" + wm.baseUrl())
                            .routeId("webhook").process(e -> routed.add("webhook"));
                }
            });
            context.build();
            // a plain CamelContext loads the health checks when asked (Camel Main does so itself)
            HealthCheckHelper.getHealthCheckRepository(context, "consumers");
            context.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> routed.size() == 2);
            HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/hooks/commerce"))
                    .header("x-adobe-digital-signature-1", "Zm9yZ2Vk")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"x\",\"recipient_client_id\":\""
                                                              + CLIENT_ID + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());

            DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("accs-events");
            text = (String) console.call(DevConsole.MediaType.TEXT);
            json = console.call(DevConsole.MediaType.JSON);
            health = HealthCheckHelper.invoke(context, check -> java.util.Map.of(), check -> false, "full").stream()
                    .filter(r -> r.getCheck().getId().startsWith("accs-events:"))
                    .map(r -> r.getCheck().getId() + " " + r.getState() + " " + r.getDetails() + " " + r.getMessage())
                    .toList().toString();
            toStrings = context.getEndpoints().stream().map(Endpoint::toString).toList()
                        + context.getComponent("accs-events").toString()
                        + ((io.camelaccs.events.AccsEventsEndpoint) context.getRoute("journal").getEndpoint())
                                .getConfiguration();
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:context="
                                                                     + context.getManagementName()
                                                                     + ",type=components,name=\"accs-events\""), null);
            assertEquals(1, names.size(), "the component is in JMX");
            ObjectName name = names.iterator().next();
            assertEquals(3L, mbeans.getAttribute(name, "EventsReceived"));
            assertEquals(1L, mbeans.getAttribute(name, "DuplicatesDropped"));
            assertEquals(1L, mbeans.getAttribute(name, "SignatureFailures"));
            context.stop();
            logs = log.text();
        }

        assertTrue(text.contains("position: pos-00003"), text);
        assertTrue(text.contains("lastEventId: e2"), text);
        assertTrue(text.contains("signatureFailures: 1"), text);
        assertTrue(text.contains("path: /hooks/commerce"), text);
        assertTrue(health.contains("accs-events:journal UP"), health);
        assertTrue(health.contains("accs.events.position=pos-00003"), health);
        assertTrue(health.contains("accs.events.lag.seconds"), health);
        assertTrue(health.contains("accs-events:webhook UP"), health);
        assertTrue(logs.contains("rejected (401)"), "the forged delivery is logged");
        for (String shown : List.of(text, json.toString(), health, logs, toStrings)) {
            assertFalse(shown.contains(CLIENT_SECRET), () -> "shows the client secret: " + around(shown, CLIENT_SECRET));
            assertFalse(shown.contains(TOKEN), () -> "shows the token: " + around(shown, TOKEN));
        }
    }

    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        int lineStart = text.lastIndexOf('\n', at) + 1;
        int lineEnd = text.indexOf('\n', at);
        return text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
    }
}
