package io.camelaccs.kamelet;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.testsupport.FakeJournal;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled accs-events-source Kamelet, run with properties only against a journal on WireMock.
 */
class EventsKameletTest {

    private static final String CLIENT_SECRET = "k+SECRET%never&logged";
    private static final String DELETE = "com.adobe.commerce.observer.catalog_product_delete_commit_after";
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
    void eventsSourceDeliversTheChosenTypesOnceEachAsJson() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("camel.kamelet.accs-events-source.journalUrl", wm.baseUrl() + FakeJournal.PATH);
        properties.setProperty("camel.kamelet.accs-events-source.imsUrl", wm.baseUrl());
        properties.setProperty("camel.kamelet.accs-events-source.clientId", ImsStubs.CLIENT_ID);
        properties.setProperty("camel.kamelet.accs-events-source.clientSecret", CLIENT_SECRET);
        properties.setProperty("camel.kamelet.accs-events-source.orgId", ImsStubs.ORG_ID);
        properties.setProperty("camel.kamelet.accs-events-source.eventTypes", DELETE);
        deliversTheDeletesOnceEach(properties, null);
    }

    @Test
    void eventsSourceNeedsOnlyTheJournalWhenTheAccsComponentIsConfigured() throws Exception {
        // one set of settings: the accs component's, as camel.component.accs.* would configure it in Camel Main
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setImsUrl(wm.baseUrl());
        accs.getConfiguration().setClientId(ImsStubs.CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        accs.getConfiguration().setOrgId(ImsStubs.ORG_ID);
        Properties properties = new Properties();
        properties.setProperty("camel.kamelet.accs-events-source.journalUrl", wm.baseUrl() + FakeJournal.PATH);
        properties.setProperty("camel.kamelet.accs-events-source.eventTypes", DELETE);
        deliversTheDeletesOnceEach(properties, accs);
    }

    private void deliversTheDeletesOnceEach(Properties properties, AccsComponent accs) throws Exception {
        journal.reset();
        wm.resetAll();
        ImsStubs.tokenIssued(wm, "kamelet-events-token", 86399);
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withTransformers(FakeJournal.NAME)));
        journal.append(FakeJournal.event("s1", SAVE));
        journal.append(FakeJournal.event("d1", DELETE));
        journal.append(FakeJournal.event("d1", DELETE));
        journal.append(FakeJournal.event("d2", DELETE));
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> types = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        if (accs != null) {
            context.addComponent("accs", accs);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:accs-events-source").process(e -> {
                    events.add(e.getMessage().getBody(String.class));
                    types.add(e.getMessage().getHeader("CamelAccsEventType", String.class));
                });
            }
        });
        context.start();

        await().atMost(20, TimeUnit.SECONDS).until(() -> journal.requests().stream()
                .anyMatch(r -> "pos-00004".equals(r.since())));
        assertEquals(2, events.size(), events::toString);
        ObjectMapper json = new ObjectMapper();
        assertEquals("d1", json.readValue(events.get(0), Map.class).get("event_id"));
        assertEquals("d2", json.readValue(events.get(1), Map.class).get("event_id"));
        assertEquals(List.of(DELETE, DELETE), types);
        assertEquals(1, ImsStubs.tokenRequests(wm));
        assertTrue(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(ImsStubs.TOKEN_PATH))).get(0)
                .getBodyAsString().contains("client_secret=k%2BSECRET%25never%26logged"), "the secret arrives intact");
    }
}
