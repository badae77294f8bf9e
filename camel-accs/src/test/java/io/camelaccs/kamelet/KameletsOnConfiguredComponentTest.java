package io.camelaccs.kamelet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelaccs.dsl.component.AccsComponentBuilderFactory;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled Kamelets in an application whose accs component is already configured (as camel.component.accs.* does
 * in Camel Main and Spring Boot): one set of settings, the Kamelets given only what is theirs (the path). And the
 * Kamelet files as they ship: the versions the build filled in.
 */
class KameletsOnConfiguredComponentTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ObjectMapper json = new ObjectMapper();
    private CamelContext context;

    @BeforeEach
    void configureTheComponentOnly() {
        ImsStubs.tokenIssued(wm, "component-token", 86399);
        context = new DefaultCamelContext();
        // the IMS of the component's configuration, not the Kamelets' former default, must be the one asked
        AccsComponentBuilderFactory.accs()
                .baseUrl(wm.baseUrl() + "/tenant-1")
                .imsUrl(wm.baseUrl())
                .clientId(ImsStubs.CLIENT_ID)
                .clientSecret(ImsStubs.CLIENT_SECRET)
                .orgId(ImsStubs.ORG_ID)
                .register(context, "accs");
    }

    @AfterEach
    void stopCamel() {
        context.stop();
    }

    private void start(RouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
    }

    private void verifyTheComponentsCredentialsWereUsedOnce() {
        wm.verify(1, postRequestedFor(urlEqualTo(ImsStubs.TOKEN_PATH))
                .withFormParam("client_id", equalTo(ImsStubs.CLIENT_ID))
                .withFormParam("client_secret", equalTo(ImsStubs.CLIENT_SECRET)));
    }

    @Test
    void actionNeedsOnlyItsPath() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/24-MB01"))
                .willReturn(okJson("{\"sku\":\"24-MB01\",\"name\":\"Joust Duffle Bag\",\"price\":34}")));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookup").to("kamelet:accs-action?path=/V1/products/{sku}");
            }
        });

        String body = context.createProducerTemplate()
                .requestBodyAndHeader("direct:lookup", null, "sku", "24-MB01", String.class);

        assertEquals("Joust Duffle Bag", json.readValue(body, Map.class).get("name"));
        wm.verify(1, getRequestedFor(urlEqualTo("/tenant-1/V1/products/24-MB01"))
                .withHeader("Authorization", equalTo("Bearer component-token"))
                .withHeader("x-gw-ims-org-id", equalTo(ImsStubs.ORG_ID)));
        verifyTheComponentsCredentialsWereUsedOnce();
    }

    @Test
    void sinkNeedsOnlyItsPathAndAKameletPropertyStillWins() throws Exception {
        wm.stubFor(put(urlPathEqualTo("/other-tenant/V1/products/24-MB04")).willReturn(okJson("{\"sku\":\"24-MB04\"}")));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // a property given to the Kamelet overrides the component's for this Kamelet only
                from("direct:save").to("kamelet:accs-sink?path=/V1/products/{sku}&baseUrl=" + wm.baseUrl()
                                       + "/other-tenant");
            }
        });

        context.createProducerTemplate().sendBodyAndHeader("direct:save",
                "{\"product\":{\"sku\":\"24-MB04\",\"name\":\"Strive Shoulder Pack\"}}", "sku", "24-MB04");

        wm.verify(1, putRequestedFor(urlEqualTo("/other-tenant/V1/products/24-MB04"))
                .withHeader("x-api-key", equalTo(ImsStubs.CLIENT_ID))
                .withRequestBody(equalToJson("{\"product\":{\"sku\":\"24-MB04\",\"name\":\"Strive Shoulder Pack\"}}")));
        verifyTheComponentsCredentialsWereUsedOnce();
    }

    @Test
    void sourceNeedsOnlyItsPathAndSendsNoFilterWhenNoneIsGiven() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/orders")).inScenario("orders")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("drained")
                .willReturn(okJson("{\"items\":[{\"entity_id\":1,\"status\":\"pending\","
                                   + "\"updated_at\":\"2026-01-01 10:00:00\"}],\"total_count\":1}")));
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/orders")).inScenario("orders").whenScenarioStateIs("drained")
                .willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        List<String> orders = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:accs-source?path=/V1/orders&delay=50").process(e -> orders.add(e.getMessage()
                        .getBody(String.class)));
            }
        });

        await().atMost(20, TimeUnit.SECONDS).until(() -> orders.size() == 1);

        assertEquals(1, json.readValue(orders.get(0), Map.class).get("entity_id"));
        // the filter groups are the watermark's (updated_at, then the keyset after it): an absent filter adds none
        wm.findAll(getRequestedFor(urlPathEqualTo("/tenant-1/V1/orders"))).forEach(search -> {
            assertEquals("updated_at",
                    search.queryParameter("searchCriteria[filter_groups][0][filters][0][field]").firstValue());
            if (search.queryParameter("searchCriteria[filter_groups][1][filters][0][field]").isPresent()) {
                assertEquals("updated_at",
                        search.queryParameter("searchCriteria[filter_groups][1][filters][0][field]").firstValue());
                assertEquals("entity_id",
                        search.queryParameter("searchCriteria[filter_groups][1][filters][1][field]").firstValue());
            }
            assertFalse(search.queryParameter("searchCriteria[filter_groups][2][filters][0][field]").isPresent(),
                    search.getUrl());
        });
        verifyTheComponentsCredentialsWereUsedOnce();
    }

    @Test
    void eachKameletNamesTheVersionsItWasBuiltWith() throws IOException {
        String componentVersion = json.readTree(resource("META-INF/io/camelaccs/component/accs.json"))
                .path("component").path("version").asText();
        Pattern dependency = Pattern.compile("\"mvn:io\\.camelaccs:camel-accs:([^\"]+)\"");
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/kamelets"))) {
            sources = files.filter(f -> f.toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
        assertTrue(sources.size() >= 3, sources::toString);
        for (Path source : sources) {
            String kamelet = source.getFileName().toString();
            // the source leaves the versions to the build, so that no release ships another's version
            String unfiltered = Files.readString(source);
            assertTrue(unfiltered.contains("\"mvn:io.camelaccs:camel-accs:@project.version@\""), kamelet);
            assertTrue(unfiltered.contains("camel.apache.org/catalog.version: \"@camel.version@\""), kamelet);

            String built = resource("kamelets/" + kamelet);
            Matcher m = dependency.matcher(built);
            assertTrue(m.find(), kamelet + " depends on camel-accs");
            assertEquals(componentVersion, m.group(1), kamelet);
            assertTrue(built.contains("camel.apache.org/catalog.version: \"" + context.getVersion() + "\""), kamelet);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KameletsOnConfiguredComponentTest.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
