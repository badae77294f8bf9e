package io.camelaccs.kamelet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled Kamelets (classpath:kamelets, as camel-kamelet looks for them), each run with properties only against
 * a WireMock standing in for Commerce and IMS.
 */
class KameletsTest {

    private static final String TOKEN_PATH = "/ims/token/v3";
    private static final String CLIENT_ID = "kamelet-client-0001";
    /** What a plain URI option would mangle: a plus, a percent sign, an ampersand. */
    private static final String CLIENT_SECRET = "k+SECRET%never&logged";
    private static final String ORG_ID = "ABCDEF0123456789@AdobeOrg";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ObjectMapper json = new ObjectMapper();
    private CamelContext context;

    @BeforeEach
    void stubIms() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"kamelet-token\",\"token_type\":\"bearer\",\"expires_in\":86399}")));
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    /** A context whose only configuration is these properties. */
    private CamelContext context(Properties properties, RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(routes);
        context.start();
        return context;
    }

    private void verifyOneTokenRequest() {
        assertEquals(1, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount());
        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .withFormParam("grant_type", equalTo("client_credentials")));
    }

    @Test
    void sinkPutsAProduct() throws Exception {
        wm.stubFor(put(urlPathEqualTo("/tenant-1/V1/products/MB-01"))
                .willReturn(okJson("{\"id\":7,\"sku\":\"MB-01\",\"name\":\"Joust Duffle Bag\"}")));
        // every Kamelet property in the Kamelet's URI; the secret in RAW(...) as any URI option
        String sink = "kamelet:accs-sink?baseUrl=" + wm.baseUrl() + "/tenant-1&imsUrl=" + wm.baseUrl()
                      + "&clientId=" + CLIENT_ID + "&clientSecret=RAW(" + CLIENT_SECRET + ")"
                      + "&path=/V1/products/{sku}";
        context(new Properties(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:products").to(sink);
            }
        });

        context.createProducerTemplate().sendBodyAndHeader("direct:products",
                "{\"product\":{\"sku\":\"MB-01\",\"name\":\"Joust Duffle Bag\",\"price\":34}}", "sku", "MB-01");

        wm.verify(1, putRequestedFor(urlEqualTo("/tenant-1/V1/products/MB-01"))
                .withHeader("Authorization", equalTo("Bearer kamelet-token"))
                .withHeader("x-api-key", equalTo(CLIENT_ID))
                .withRequestBody(equalToJson("{\"product\":{\"sku\":\"MB-01\",\"name\":\"Joust Duffle Bag\",\"price\":34}}")));
        verifyOneTokenRequest();
    }

    @Test
    void actionGetsAProductByTheSkuHeader() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/24%20MB%2F01"))
                .willReturn(okJson("{\"id\":8,\"sku\":\"24 MB/01\",\"name\":\"Strive Shoulder Pack\",\"price\":32}")));
        // the Kamelet's properties as Camel properties: camel.kamelet.<kamelet name>.<property>
        Properties properties = new Properties();
        properties.setProperty("camel.kamelet.accs-action.baseUrl", wm.baseUrl() + "/tenant-1");
        properties.setProperty("camel.kamelet.accs-action.imsUrl", wm.baseUrl());
        properties.setProperty("camel.kamelet.accs-action.clientId", CLIENT_ID);
        properties.setProperty("camel.kamelet.accs-action.clientSecret", CLIENT_SECRET);
        properties.setProperty("camel.kamelet.accs-action.orgId", ORG_ID);
        properties.setProperty("camel.kamelet.accs-action.path", "/V1/products/{sku}");
        context(properties, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookup").to("kamelet:accs-action");
            }
        });
        ProducerTemplate template = context.createProducerTemplate();

        String body = template.requestBodyAndHeader("direct:lookup", "ignored", "sku", "24 MB/01", String.class);
        template.requestBodyAndHeader("direct:lookup", "ignored", "sku", "24 MB/01", String.class);

        Map<?, ?> product = json.readValue(body, Map.class);
        assertEquals("Strive Shoulder Pack", product.get("name"));
        assertEquals(32, product.get("price"));
        wm.verify(2, getRequestedFor(urlEqualTo("/tenant-1/V1/products/24%20MB%2F01"))
                .withHeader("Authorization", equalTo("Bearer kamelet-token"))
                .withHeader("x-gw-ims-org-id", equalTo(ORG_ID)));
        verifyOneTokenRequest();
    }

    @Test
    void sourceDeliversEachItemOfASearchOnceAsJson() throws Exception {
        String scenario = "products";
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("drained")
                .willReturn(okJson("{\"items\":["
                                   + "{\"id\":1,\"sku\":\"MB-01\",\"name\":\"Bag\",\"updated_at\":\"2026-01-01 10:00:00\"},"
                                   + "{\"id\":2,\"sku\":\"MB-02\",\"name\":\"Pack\",\"updated_at\":\"2026-01-01 11:00:00\"}"
                                   + "],\"search_criteria\":{},\"total_count\":2}")));
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products")).inScenario(scenario)
                .whenScenarioStateIs("drained")
                .willReturn(okJson("{\"items\":[],\"search_criteria\":{},\"total_count\":0}")));
        // credentials through placeholders of the application's own properties
        Properties properties = new Properties();
        properties.setProperty("accs.base-url", wm.baseUrl() + "/tenant-1");
        properties.setProperty("accs.ims-url", wm.baseUrl());
        properties.setProperty("accs.client-id", CLIENT_ID);
        properties.setProperty("accs.client-secret", CLIENT_SECRET);
        properties.setProperty("camel.kamelet.accs-source.baseUrl", "{{accs.base-url}}");
        properties.setProperty("camel.kamelet.accs-source.imsUrl", "{{accs.ims-url}}");
        properties.setProperty("camel.kamelet.accs-source.clientId", "{{accs.client-id}}");
        properties.setProperty("camel.kamelet.accs-source.clientSecret", "{{accs.client-secret}}");
        // a filter with what a URI would mangle (%, +, &) arrives intact
        properties.setProperty("camel.kamelet.accs-source.filter", "sku like 'MB-%' and name neq 'a+b & c'");
        List<String> items = new CopyOnWriteArrayList<>();
        context(properties, new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:accs-source?path=/V1/products&delay=50&syncId=products")
                        .process(e -> items.add(e.getMessage().getBody(String.class)));
            }
        });

        await().atMost(20, TimeUnit.SECONDS).until(() -> items.size() >= 2);
        // a further poll finds nothing new
        await().atMost(20, TimeUnit.SECONDS).until(() -> searches() >= 2);

        assertEquals(2, items.size(), items::toString);
        assertEquals("MB-01", json.readValue(items.get(0), Map.class).get("sku"));
        assertEquals("MB-02", json.readValue(items.get(1), Map.class).get("sku"));
        for (LoggedRequest search : wm.findAll(getRequestedFor(urlPathEqualTo("/tenant-1/V1/products")))) {
            Map<String, String> criteria = new HashMap<>();
            for (int group = 0; search.queryParameter("searchCriteria[filter_groups][" + group + "][filters][0][field]")
                    .isPresent(); group++) {
                String prefix = "searchCriteria[filter_groups][" + group + "][filters][0]";
                // the first group on a field: the watermark's updated_at gteq comes before its keyset's updated_at gt
                criteria.putIfAbsent(search.queryParameter(prefix + "[field]").firstValue(),
                        search.queryParameter(prefix + "[condition_type]").firstValue() + " "
                                + search.queryParameter(prefix + "[value]").firstValue());
            }
            assertEquals("like MB-%", criteria.get("sku"), search.getUrl());
            assertEquals("neq a+b & c", criteria.get("name"), search.getUrl());
            assertTrue(criteria.get("updated_at").startsWith("gteq "), search.getUrl());
        }
        verifyOneTokenRequest();
    }

    private int searches() {
        return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/tenant-1/V1/products")).build()).getCount();
    }
}
