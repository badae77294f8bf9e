package io.camelaccs.component;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccsProducerTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/tenant-1", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setOrgId(ORG_ID);
        c.setStoreCode("default");
    }).withTokenIssued("token-A");

    @Test
    void getsProductBySkuWithOneTokenRequestAndAllHeaders() {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/24%20MB%2F01"))
                .willReturn(okJson("{\"sku\":\"24 MB/01\",\"name\":\"Joust Duffle Bag\",\"price\":34}")));

        Object body = camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "24 MB/01");

        Map<?, ?> product = assertInstanceOf(Map.class, body);
        assertEquals("Joust Duffle Bag", product.get("name"));
        assertEquals(34, product.get("price"));

        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("scope", equalTo("AdobeID,openid,email,profile,additional_info.roles,"
                                                + "additional_info.projectedProductContext,commerce.accs")));
        wm.verify(getRequestedFor(urlEqualTo("/tenant-1/V1/products/24%20MB%2F01"))
                .withHeader("Authorization", equalTo("Bearer token-A"))
                .withHeader("x-api-key", equalTo(CLIENT_ID))
                .withHeader("x-gw-ims-org-id", equalTo(ORG_ID))
                .withHeader("Store", equalTo("default"))
                .withHeader("Content-Type", equalTo("application/json")));

        camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "24 MB/01");
        assertEquals(1, ImsStubs.tokenRequests(wm), "the second call reuses the token");
        wm.verify(2, getRequestedFor(urlEqualTo("/tenant-1/V1/products/24%20MB%2F01")));
    }

    @Test
    void simpleReadsFieldsOfTheParsedBody() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/A")).willReturn(okJson("{\"sku\":\"A\",\"name\":\"Bag\"}")));
        camel.context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:name").to("accs:get:/V1/products/A").setBody(simple("${body[name]}"));
            }
        });

        assertEquals("Bag", camel.template().requestBody("direct:name", (Object) null));
    }

    @Test
    void tokenRequestCarriesNoCredentialInItsQueryString() {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/store/storeViews")).willReturn(okJson("[]")));

        camel.template().requestBody("accs:get:/V1/store/storeViews", (Object) null);

        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        wm.getAllServeEvents().forEach(e -> assertFalse(e.getRequest().getUrl().contains(CLIENT_SECRET)));
    }

    @Test
    void postsMapBodyAsJson() {
        wm.stubFor(post(urlPathEqualTo("/tenant-1/V1/products"))
                .willReturn(okJson("{\"id\":42,\"sku\":\"MB-1\"}")));

        Map<String, Object> product = Map.of("product", Map.of("sku", "MB-1", "name", "Bag", "price", 10,
                "attribute_set_id", 4, "type_id", "simple"));
        Object body = camel.template().requestBody("accs:post:/V1/products", product);

        assertEquals(42, ((Map<?, ?>) body).get("id"));
        wm.verify(postRequestedFor(urlEqualTo("/tenant-1/V1/products"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"product\":{\"sku\":\"MB-1\",\"name\":\"Bag\",\"price\":10,"
                                             + "\"attribute_set_id\":4,\"type_id\":\"simple\"}}")));
    }

    @Test
    void postsStringAndPojoBodies() {
        wm.stubFor(post(urlPathEqualTo("/tenant-1/V1/categories")).willReturn(okJson("{\"id\":7}")));

        camel.template().requestBody("accs:post:/V1/categories", "{\"category\":{\"name\":\"Bags\"}}");
        camel.template().requestBody("accs:post:/V1/categories", new CategoryRequest(new Category("Shoes", true)));

        wm.verify(postRequestedFor(urlEqualTo("/tenant-1/V1/categories"))
                .withRequestBody(equalToJson("{\"category\":{\"name\":\"Bags\"}}")));
        wm.verify(postRequestedFor(urlEqualTo("/tenant-1/V1/categories"))
                .withRequestBody(equalToJson("{\"category\":{\"name\":\"Shoes\",\"is_active\":true}}")));
    }

    public record Category(String name, @com.fasterxml.jackson.annotation.JsonProperty("is_active") boolean isActive) {
    }

    public record CategoryRequest(Category category) {
    }

    @Test
    void deleteReturnsTrue() {
        wm.stubFor(delete(urlPathEqualTo("/tenant-1/V1/products/MB-1")).willReturn(okJson("true")));

        Exchange result = camel.template().request("accs:delete:/V1/products/{sku}?sku=MB-1",
                e -> e.getMessage().setBody("ignored"));

        assertEquals(Boolean.TRUE, result.getMessage().getBody());
        assertEquals(200, result.getMessage().getHeader(AccsConstants.RESPONSE_CODE));
        wm.verify(deleteRequestedFor(urlEqualTo("/tenant-1/V1/products/MB-1")).withRequestBody(absent()));
    }

    @Test
    void missingPathParameterFailsBeforeAnyRequest() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:get:/V1/products/{sku}", (Object) null));

        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("Path parameter 'sku' of GET /V1/products/{sku} has no value: set message header 'sku' or "
                     + "endpoint option 'sku'", e.getCause().getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void otherOptionsBecomeQueryParameters() {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products")).willReturn(okJson(
                "{\"items\":[{\"sku\":\"A\"}],\"total_count\":1}")));

        Exchange result = camel.template().request(
                "accs:get:/V1/products?fields=items[sku],total_count&searchCriteria[pageSize]=10", e -> {
                });

        wm.verify(getRequestedFor(urlPathEqualTo("/tenant-1/V1/products"))
                .withQueryParam("fields", equalTo("items[sku],total_count"))
                .withQueryParam("searchCriteria[pageSize]", equalTo("10")));
        assertEquals(1L, result.getMessage().getHeader(AccsConstants.TOTAL_COUNT));
        List<?> items = (List<?>) ((Map<?, ?>) result.getMessage().getBody()).get("items");
        assertEquals(1, items.size());
    }

    @Test
    void storeHeaderOverridesStoreCodeOption() {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/A")).willReturn(okJson("{}")));

        camel.template().requestBodyAndHeaders("accs:get:/V1/products/{sku}", null,
                Map.of("sku", "A", AccsConstants.STORE_CODE, "fr_store"));

        wm.verify(getRequestedFor(urlEqualTo("/tenant-1/V1/products/A")).withHeader("Store", equalTo("fr_store")));
    }

    @Test
    void notFoundBecomesApiExceptionWithPlaceholdersFilled() {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/NOPE")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("x-debug-id", "dbg-404")
                .withBody("{\"message\":\"No such entity with %fieldName = %fieldValue\","
                          + "\"parameters\":{\"fieldName\":\"sku\",\"fieldValue\":\"NOPE\"}}")));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "NOPE"));

        AccsApiException api = assertInstanceOf(AccsApiException.class, e.getCause());
        assertEquals(404, api.getStatusCode());
        assertEquals("GET", api.getMethod());
        assertEquals("/V1/products/NOPE", api.getPath());
        assertEquals("No such entity with sku = NOPE", api.getCommerceMessage());
        assertEquals("dbg-404", api.getDebugId());
        assertTrue(api.getResponseBody().contains("%fieldName"));
        assertEquals("ACCS GET /V1/products/NOPE failed with HTTP 404: No such entity with sku = NOPE "
                     + "[x-debug-id: dbg-404]", api.getMessage());
    }

    @Test
    void positionalPlaceholdersAreFilled() {
        wm.stubFor(post(urlPathEqualTo("/tenant-1/V1/products")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"The \\\"%1\\\" attribute value is empty. Set the attribute and try again.\","
                          + "\"parameters\":[\"name\"]}")));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:post:/V1/products", Map.of("product", Map.of())));

        AccsApiException api = assertInstanceOf(AccsApiException.class, e.getCause());
        assertEquals("The \"name\" attribute value is empty. Set the attribute and try again.", api.getCommerceMessage());
        assertEquals(400, api.getStatusCode());
    }

    @Test
    void errorBecomesMessageWhenExceptionsAreOff() {
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/NOPE")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"The product that was requested doesn't exist.\"}")));

        Exchange result = camel.template().request("accs:get:/V1/products/NOPE?throwExceptionOnFailure=false", e -> {
        });

        assertNull(result.getException());
        assertEquals(404, result.getMessage().getHeader(AccsConstants.RESPONSE_CODE));
        assertEquals("The product that was requested doesn't exist.",
                ((Map<?, ?>) result.getMessage().getBody()).get("message"));
    }

    @Test
    void invalidClientSurfacesAsAuthenticationException() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("x-debug-id", "ims-debug-1")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client_id parameter\"}")));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "A"));

        AccsAuthenticationException auth = assertInstanceOf(AccsAuthenticationException.class, e.getCause());
        assertEquals(400, auth.getStatusCode());
        assertEquals("invalid_client", auth.getError());
        assertEquals("invalid client_id parameter", auth.getErrorDescription());
        assertEquals("ims-debug-1", auth.getDebugId());
        assertTrue(auth.getMessage().contains("invalid_client (invalid client_id parameter)"), auth.getMessage());
        assertTrue(auth.getMessage().contains("ims-debug-1"), auth.getMessage());
        assertFalse(auth.getMessage().contains(CLIENT_SECRET));
        assertFalse(auth.getMessage().contains(CLIENT_ID), "the client id is shown masked");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/tenant-1/V1/products/A")));
    }
}
