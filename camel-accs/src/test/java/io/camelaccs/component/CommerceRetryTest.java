package io.camelaccs.component;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.CommerceMetrics;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.ScriptedAnswers;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelaccs.testsupport.Figures.millisSince;
import static io.camelaccs.testsupport.Figures.report;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ScriptedAnswers.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Retries of Commerce requests: 429 and 503 honour Retry-After, 5xx and I/O errors are retried for idempotent
 * methods only (POST on opt-in), everything bounded by maxRetries and retryTimeout, and 401 replays combine with them.
 */
class CommerceRetryTest {

    private static final String PRODUCT = "/t/V1/products/A";
    private static final String PRODUCTS = "/t/V1/products";
    private static final String PRODUCT_JSON = "{\"sku\":\"A\",\"name\":\"Bag\"}";
    private static final Map<String, Object> NEW_PRODUCT = Map.of("product", Map.of("sku", "A", "name", "Bag"));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setOrgId(ORG_ID);
        c.setImsRetryDelay(1);
        c.setRetryDelay(10);
    }).withTokenIssued("token-A");

    private CommerceMetrics metrics() {
        return camel.accs().metrics();
    }

    private Object getProduct() {
        return camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "A");
    }

    private static AccsApiException apiException(Runnable call) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, call::run);
        return assertInstanceOf(AccsApiException.class, e.getCause());
    }

    /** Answers in order, one per request; the last one answers from then on. */
    private static void sequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
        ScriptedAnswers.sequence(wm, "sequence", request, answers);
    }

    @Test
    void getRetriedAfter429HonouringRetryAfter() {
        sequence(() -> get(urlEqualTo(PRODUCT)), status(429).withHeader("Retry-After", "1"), okJson(PRODUCT_JSON));

        long start = System.nanoTime();
        Object body = getProduct();
        long elapsed = millisSince(start);

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        wm.verify(2, getRequestedFor(urlEqualTo(PRODUCT)));
        report("getRetriedAfter429HonouringRetryAfter", "elapsed=" + elapsed + " ms");
        assertTrue(elapsed >= 900, "Retry-After: 1 is honoured, not retryDelay=10: " + elapsed + " ms");
        assertTrue(elapsed < 5000, "one pause of a second: " + elapsed + " ms");
        assertEquals(1, metrics().retries());
        assertEquals(1, metrics().rateLimitedResponses());
        assertEquals(2, metrics().requests());
    }

    @Test
    void retryAfterAsHttpDate() {
        // RFC 1123 has whole seconds: 2 s ahead, truncated, is a pause of 1 to 2 s
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        sequence(() -> get(urlEqualTo(PRODUCT)), status(429).withHeader("Retry-After", date), okJson(PRODUCT_JSON));

        long start = System.nanoTime();
        Object body = getProduct();
        long elapsed = millisSince(start);

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        wm.verify(2, getRequestedFor(urlEqualTo(PRODUCT)));
        report("retryAfterAsHttpDate", "Retry-After=" + date + ", elapsed=" + elapsed + " ms");
        assertTrue(elapsed >= 900, "the date " + date + " is waited for: " + elapsed + " ms");
        assertTrue(elapsed < 5000, "and no longer: " + elapsed + " ms");
        assertEquals(1, metrics().retries());
    }

    @Test
    void getRetriedAfter503Then200() {
        sequence(() -> get(urlEqualTo(PRODUCT)), status(503), status(503), okJson(PRODUCT_JSON));

        Object body = getProduct();

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        wm.verify(3, getRequestedFor(urlEqualTo(PRODUCT)));
        assertEquals(2, metrics().retries());
        assertEquals(0, metrics().failures());
    }

    @Test
    void postIsNotRetriedAfter503ByDefault() {
        sequence(() -> post(urlEqualTo(PRODUCTS)), status(503), okJson(PRODUCT_JSON));

        AccsApiException api = apiException(() -> camel.template().requestBody("accs:post:/V1/products", NEW_PRODUCT));

        assertEquals(503, api.getStatusCode());
        assertEquals("POST", api.getMethod());
        wm.verify(1, postRequestedFor(urlEqualTo(PRODUCTS)));
        assertEquals(0, metrics().retries());
    }

    @Test
    void postIsRetriedAfter503WithRetryNonIdempotent() {
        camel.accs().getConfiguration().setRetryNonIdempotent(true);
        sequence(() -> post(urlEqualTo(PRODUCTS)), status(503), okJson(PRODUCT_JSON));

        Object body = camel.template().requestBody("accs:post:/V1/products", NEW_PRODUCT);

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        wm.verify(2, postRequestedFor(urlEqualTo(PRODUCTS))
                .withRequestBody(equalToJson("{\"product\":{\"sku\":\"A\",\"name\":\"Bag\"}}")));
        assertEquals(1, metrics().retries());
    }

    @Test
    void postIsRetriedAfter429() {
        sequence(() -> post(urlEqualTo(PRODUCTS)), status(429), okJson(PRODUCT_JSON));

        Object body = camel.template().requestBody("accs:post:/V1/products", NEW_PRODUCT);

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        wm.verify(2, postRequestedFor(urlEqualTo(PRODUCTS))
                .withRequestBody(equalToJson("{\"product\":{\"sku\":\"A\",\"name\":\"Bag\"}}")));
        assertEquals(1, metrics().rateLimitedResponses());
        assertEquals(1, metrics().retries());
    }

    @Test
    void retriesAreBoundedByMaxRetries() {
        camel.accs().getConfiguration().setMaxRetries(2);
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(status(503)));

        AccsApiException api = apiException(this::getProduct);

        assertEquals(503, api.getStatusCode());
        wm.verify(3, getRequestedFor(urlEqualTo(PRODUCT)));
        assertEquals(2, metrics().retries());
        assertEquals(1, metrics().failures());
    }

    @Test
    void ioErrorRetriedForPut() {
        String url = "/t/V1/products/A";
        sequence(() -> put(urlEqualTo(url)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(PRODUCT_JSON));

        Object body = camel.template().requestBodyAndHeader("accs:put:/V1/products/{sku}", NEW_PRODUCT, "sku", "A");

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        wm.verify(2, putRequestedFor(urlEqualTo(url)));
        assertEquals(1, metrics().retries());
    }

    @Test
    void ioErrorNotRetriedForPost() {
        sequence(() -> post(urlEqualTo(PRODUCTS)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(PRODUCT_JSON));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:post:/V1/products", NEW_PRODUCT));

        wm.verify(1, postRequestedFor(urlEqualTo(PRODUCTS)));
        Throwable t = e;
        while (t != null && !(t instanceof IOException)) {
            t = t.getCause();
        }
        if (t == null) {
            fail("an IOException in the cause chain of " + e);
        }
        assertEquals(0, metrics().retries());
        assertEquals(1, metrics().failures());
    }

    @Test
    void retryAfterBeyondRetryTimeoutIsNotWaited() {
        camel.accs().getConfiguration().setRetryTimeout(2000);
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(status(429).withHeader("Retry-After", "120")));

        long start = System.nanoTime();
        AccsApiException api = apiException(this::getProduct);
        long elapsed = millisSince(start);

        assertEquals(429, api.getStatusCode());
        report("retryAfterBeyondRetryTimeoutIsNotWaited", "elapsed=" + elapsed + " ms");
        assertTrue(elapsed < 1000, "no pause that would pass retryTimeout: " + elapsed + " ms");
        wm.verify(1, getRequestedFor(urlEqualTo(PRODUCT)));
        assertEquals(0, metrics().retries());
        assertEquals(1, metrics().rateLimitedResponses());
    }

    @Test
    void notFoundAndBadRequestAreNeverRetried() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/NOPE")).willReturn(status(404)));
        wm.stubFor(post(urlEqualTo(PRODUCTS)).willReturn(status(400)));

        AccsApiException notFound = apiException(
                () -> camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "NOPE"));
        AccsApiException badRequest = apiException(
                () -> camel.template().requestBody("accs:post:/V1/products", NEW_PRODUCT));

        assertEquals(404, notFound.getStatusCode());
        assertEquals(400, badRequest.getStatusCode());
        wm.verify(1, getRequestedFor(urlEqualTo("/t/V1/products/NOPE")));
        wm.verify(1, postRequestedFor(urlEqualTo(PRODUCTS)));
        assertEquals(0, metrics().retries());
    }

    @Test
    void unauthorizedReplayAndRetriesTogether() {
        wm.resetAll();
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(STARTED)
                .willReturn(ImsStubs.tokenResponse("t1", 86399)).willSetStateTo("second"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("second")
                .willReturn(ImsStubs.tokenResponse("t2", 86399)));
        wm.stubFor(get(urlEqualTo(PRODUCT)).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(status(401)));
        wm.stubFor(get(urlEqualTo(PRODUCT)).withHeader("Authorization", equalTo("Bearer t2"))
                .inScenario("commerce").whenScenarioStateIs(STARTED)
                .willReturn(status(503)).willSetStateTo("up"));
        wm.stubFor(get(urlEqualTo(PRODUCT)).withHeader("Authorization", equalTo("Bearer t2"))
                .inScenario("commerce").whenScenarioStateIs("up")
                .willReturn(okJson(PRODUCT_JSON)));

        Object body = getProduct();

        assertEquals("Bag", assertInstanceOf(Map.class, body).get("name"));
        assertEquals(2, ImsStubs.tokenRequests(wm));
        wm.verify(1, getRequestedFor(urlEqualTo(PRODUCT)).withHeader("Authorization", equalTo("Bearer t1")));
        wm.verify(2, getRequestedFor(urlEqualTo(PRODUCT)).withHeader("Authorization", equalTo("Bearer t2")));
        assertEquals(1, metrics().unauthorizedResponses());
        assertEquals(1, metrics().retries());
        assertEquals(3, metrics().requests());
    }

    @Test
    void retryDelayZeroRetriesAtOnce() {
        // retryDelay=0 is allowed (only negatives are refused) and means: no pause between retries
        camel.accs().getConfiguration().setRetryDelay(0);
        camel.accs().getConfiguration().setRetryTimeout(5000);
        sequence(() -> get(urlEqualTo(PRODUCT)), status(503), status(503), okJson(PRODUCT_JSON));

        long start = System.nanoTime();
        Exchange result = camel.template().request("accs:get:/V1/products/{sku}",
                e -> e.getMessage().setHeader("sku", "A"));
        long elapsed = millisSince(start);

        int requests = wm.countRequestsMatching(getRequestedFor(urlEqualTo(PRODUCT)).build()).getCount();
        report("retryDelayZeroRetriesAtOnce", "elapsed=" + elapsed + " ms, requests=" + requests);
        assertNull(result.getException(), () -> "retried at once, but failed with " + result.getException());
        assertEquals("Bag", assertInstanceOf(Map.class, result.getMessage().getBody()).get("name"));
        wm.verify(3, getRequestedFor(urlEqualTo(PRODUCT)));
        assertTrue(elapsed < 1000, "no pauses with retryDelay=0: " + elapsed + " ms");
    }

    @Test
    void absurdRetryAfterIsNotWaited() {
        // 99999999999 s (3,000 years) does not fit in a long of nanoseconds: still a plain 429, at once
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(status(429).withHeader("Retry-After", "99999999999")));

        long start = System.nanoTime();
        AccsApiException api = apiException(this::getProduct);
        long elapsed = millisSince(start);

        assertEquals(429, api.getStatusCode());
        assertTrue(elapsed < 1000, elapsed + " ms");
        wm.verify(1, getRequestedFor(urlEqualTo(PRODUCT)));
    }
}
