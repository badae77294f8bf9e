package io.camelaccs.component;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.rest.AccsResponseBindingException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * outputClass as users write it: a class with the few fields they need against Commerce's full answer, Commerce's
 * date-times, the registry's ObjectMapper, and a binding failure after a write that must say the write happened.
 */
class OutputClassTest {

    /** A product as Commerce answers it: far more than any class a route binds it to declares. */
    private static final String FULL_PRODUCT = """
            {"id":2046,"sku":"MS-TEE-01","name":"Men's Tee","attribute_set_id":9,"price":19.9,"status":1,
             "visibility":4,"type_id":"simple","created_at":"2026-03-01 08:00:00","updated_at":"2026-03-02 12:30:05",
             "weight":0.4,"extension_attributes":{"website_ids":[1],"category_links":[{"position":0,"category_id":"12"}],
             "stock_item":{"item_id":2046,"qty":100,"is_in_stock":true}},"product_links":[],"options":[],
             "media_gallery_entries":[{"id":1,"media_type":"image","label":null,"file":"/m/s/ms-tee.jpg"}],
             "tier_prices":[],"custom_attributes":[{"attribute_code":"color","value":"49"},
             {"attribute_code":"special_from_date","value":"2026-03-01"}]}""";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach()
            .withTokenIssued("tok");

    public static class Summary {
        public String sku;
        public String name;
    }

    public record Dated(String sku, LocalDateTime created_at, LocalDateTime updated_at) {
    }

    public record Snake(String sku, String typeId, Integer attributeSetId) {
    }

    public record Created(int id) {
    }

    public record Special(LocalDate day) {
    }

    @Test
    void twoFieldClassBindsAFullProduct() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/MS-TEE-01")).willReturn(okJson(FULL_PRODUCT)));

        Summary s = assertInstanceOf(Summary.class, camel.template().requestBody(
                "accs:get:/V1/products/MS-TEE-01?outputClass=" + Summary.class.getName(), (Object) null));

        assertEquals("MS-TEE-01", s.sku);
        assertEquals("Men's Tee", s.name);
    }

    @Test
    void commerceDateTimesBindToJavaTime() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/MS-TEE-01")).willReturn(okJson(FULL_PRODUCT)));

        Dated d = assertInstanceOf(Dated.class, camel.template().requestBody(
                "accs:get:/V1/products/MS-TEE-01?outputClass=" + Dated.class.getName(), (Object) null));

        assertEquals(LocalDateTime.of(2026, 3, 1, 8, 0), d.created_at());
        assertEquals(LocalDateTime.of(2026, 3, 2, 12, 30, 5), d.updated_at());
    }

    @Test
    void javaTimeInARequestBodyIsWrittenAsIsoText() {
        wm.stubFor(post(urlEqualTo("/t/V1/specials")).willReturn(okJson("{}")));

        camel.template().requestBody("accs:post:/V1/specials?validateOperation=false",
                new Special(LocalDate.of(2026, 3, 1)));

        wm.verify(postRequestedFor(urlEqualTo("/t/V1/specials"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"day\":\"2026-03-01\"}")));
    }

    @Test
    void theRegistrysOneObjectMapperBinds() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/MS-TEE-01")).willReturn(okJson(FULL_PRODUCT)));
        // a strict mapper: the component still ignores what the class does not declare
        camel.context().getRegistry().bind("jsonMapper", new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

        Snake s = assertInstanceOf(Snake.class, camel.template().requestBody(
                "accs:get:/V1/products/MS-TEE-01?outputClass=" + Snake.class.getName(), (Object) null));

        assertEquals(new Snake("MS-TEE-01", "simple", 9), s, "snake_case names bound through the registry's mapper");
    }

    @Test
    void twoObjectMappersInTheRegistryLeaveTheComponentsOwn() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/MS-TEE-01")).willReturn(okJson(FULL_PRODUCT)));
        camel.context().getRegistry().bind("a", new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        camel.context().getRegistry().bind("b", new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));

        Snake s = assertInstanceOf(Snake.class, camel.template().requestBody(
                "accs:get:/V1/products/MS-TEE-01?outputClass=" + Snake.class.getName(), (Object) null));

        assertNull(s.typeId(), "which of two would be a guess: camel-jackson's convention takes neither");
        assertEquals("MS-TEE-01", s.sku());
    }

    @Test
    void bindingFailureAfterAPostSaysTheWriteSucceeded() {
        wm.stubFor(post(urlEqualTo("/t/V1/products")).willReturn(okJson("{\"id\":\"not-a-number\",\"sku\":\"N-1\"}")));

        Exchange result = camel.template().send("accs:post:/V1/products?outputClass=" + Created.class.getName(),
                e -> e.getMessage().setBody("{\"product\":{\"sku\":\"N-1\"}}"));

        AccsResponseBindingException e = assertInstanceOf(AccsResponseBindingException.class, result.getException());
        assertTrue(e.getMessage().startsWith("The write succeeded: Commerce answered POST /V1/products with HTTP 200"
                                             + " and made the change; only binding the response to outputClass "
                                             + Created.class.getName() + " failed: "), e.getMessage());
        assertTrue(e.isWriteSucceeded());
        assertEquals(200, e.getStatusCode());
        assertEquals(List.of("POST", "/V1/products"), List.of(e.getMethod(), e.getPath()));
        assertEquals(200, result.getMessage().getHeader(AccsConstants.RESPONSE_CODE), "the status is on the message");
        wm.verify(1, postRequestedFor(urlEqualTo("/t/V1/products")));
    }

    @Test
    void bindingFailureOfARead() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/X")).willReturn(okJson("{\"id\":[1,2]}")));

        Exchange result = camel.template().send("accs:get:/V1/products/X?outputClass=" + Created.class.getName(),
                e -> {
                });

        AccsResponseBindingException e = assertInstanceOf(AccsResponseBindingException.class, result.getException());
        assertTrue(e.getMessage().startsWith("Commerce answered GET /V1/products/X with HTTP 200; binding the response"
                                             + " to outputClass " + Created.class.getName() + " failed: "), e.getMessage());
        assertEquals(false, e.isWriteSucceeded());
    }
}
