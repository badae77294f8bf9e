package io.camelaccs.component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.rest.AccsBulkException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.Figures.millisSince;
import static io.camelaccs.testsupport.Figures.report;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static io.camelaccs.testsupport.ScriptedAnswers.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mode=async and mode=bulk: the paths ACCS takes them at, the bulk body, the bulk UUID header, and waitForCompletion
 * polling /V1/bulk/{uuid}/status until done, failed or timed out.
 */
class AsyncAndBulkTest {

    private static final String BULK_PRODUCTS = "/t/V1/async/bulk/products/bySku";
    private static final String STATUS_U2 = "/t/V1/bulk/u-2/status";
    private static final String ACCEPTED_U2 = "{\"bulk_uuid\":\"u-2\",\"request_items\":["
                                              + "{\"id\":0,\"data_hash\":\"h0\",\"status\":\"accepted\"},"
                                              + "{\"id\":1,\"data_hash\":\"h1\",\"status\":\"accepted\"}],"
                                              + "\"errors\":false}";
    private static final List<Map<String, Object>> TWO_PRODUCTS = List.of(
            Map.of("product", Map.of("sku", "A", "price", 10)),
            Map.of("product", Map.of("sku", "B", "price", 20)));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setOrgId(ORG_ID);
        c.setImsRetryDelay(1);
        c.setRetryDelay(10);
    }).withTokenIssued("token-A");

    private static String operation(int id, int status, String message) {
        return "{\"id\":" + id + ",\"topic_name\":\"async.magento.catalog.api.productrepositoryinterface.save.put\","
               + "\"status\":" + status + ",\"result_message\":" + (message == null ? "null" : "\"" + message + "\"")
               + ",\"error_code\":null}";
    }

    private static String bulkStatus(String... operations) {
        return "{\"bulk_id\":\"u-2\",\"operation_count\":" + operations.length + ",\"operations_list\":["
               + String.join(",", operations) + "]}";
    }

    /** The bulk status answers in order, one per poll; the last one from then on. */
    private static void statusSequence(String... bodies) {
        sequence(wm, "status", () -> get(urlEqualTo(STATUS_U2)),
                Arrays.stream(bodies).map(WireMock::okJson).toArray(ResponseDefinitionBuilder[]::new));
    }

    @Test
    void asyncModePostsToAsyncPath() {
        wm.stubFor(post(urlEqualTo("/t/V1/async/products")).willReturn(okJson(
                "{\"bulk_uuid\":\"u-1\",\"request_items\":[{\"id\":0,\"data_hash\":\"h\",\"status\":\"accepted\"}],"
                + "\"errors\":false}")));

        Exchange result = camel.template().request("accs:post:/V1/products?mode=async",
                e -> e.getMessage().setBody(Map.of("product", Map.of("sku", "A", "name", "Bag"))));

        assertNull(result.getException());
        assertEquals("u-1", result.getMessage().getHeader(AccsConstants.BULK_UUID));
        assertEquals(200, result.getMessage().getHeader(AccsConstants.RESPONSE_CODE));
        Map<?, ?> body = assertInstanceOf(Map.class, result.getMessage().getBody());
        assertEquals(Boolean.FALSE, body.get("errors"));
        wm.verify(1, postRequestedFor(urlEqualTo("/t/V1/async/products"))
                .withHeader("Authorization", equalTo("Bearer token-A"))
                .withRequestBody(equalToJson("{\"product\":{\"sku\":\"A\",\"name\":\"Bag\"}}")));
        wm.verify(0, postRequestedFor(urlEqualTo("/t/V1/products")));
        wm.verify(0, getRequestedFor(urlPathMatching("/t/V1/bulk/.*")));
    }

    @Test
    void asyncPutFillsPathParameter() {
        wm.stubFor(put(urlEqualTo("/t/V1/async/products/A%20B")).willReturn(okJson(
                "{\"bulk_uuid\":\"u-3\",\"request_items\":[{\"id\":0,\"data_hash\":\"h\",\"status\":\"accepted\"}],"
                + "\"errors\":false}")));

        Exchange result = camel.template().request("accs:put:/V1/products/{sku}?mode=async", e -> {
            e.getMessage().setHeader("sku", "A B");
            e.getMessage().setBody(Map.of("product", Map.of("price", 12)));
        });

        assertNull(result.getException());
        assertEquals("u-3", result.getMessage().getHeader(AccsConstants.BULK_UUID));
        wm.verify(1, putRequestedFor(urlEqualTo("/t/V1/async/products/A%20B"))
                .withRequestBody(equalToJson("{\"product\":{\"price\":12}}")));
    }

    @Test
    void bulkModeSendsArrayToByPath() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));

        Exchange result = camel.template().request("accs:put:/V1/products/{sku}?mode=bulk",
                e -> e.getMessage().setBody(TWO_PRODUCTS));

        assertNull(result.getException());
        assertEquals("u-2", result.getMessage().getHeader(AccsConstants.BULK_UUID));
        wm.verify(1, putRequestedFor(urlEqualTo(BULK_PRODUCTS)).withRequestBody(equalToJson(
                "[{\"product\":{\"sku\":\"A\",\"price\":10}},{\"product\":{\"sku\":\"B\",\"price\":20}}]")));
    }

    @Test
    void bulkModeRejectsBodyThatIsNotAList() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:put:/V1/products/{sku}?mode=bulk",
                        Map.of("product", Map.of("sku", "A"))));

        IllegalArgumentException iae = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(iae.getMessage().contains("mode=bulk"), iae.getMessage());
        wm.verify(0, anyRequestedFor(urlPathMatching("/t/.*")));
    }

    @Test
    void waitForCompletionNeverWaitsOnABulkUuidLeftByAnEarlierStep() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson("{\"errors\":false}")));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBodyAndHeader("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true", TWO_PRODUCTS,
                        AccsConstants.BULK_UUID, "u-from-an-earlier-step"));

        assertTrue(e.getCause().getMessage().contains("the response has no bulk_uuid to wait for"),
                e.getCause().getMessage());
        wm.verify(0, getRequestedFor(urlEqualTo("/t/V1/bulk/u-from-an-earlier-step/status")));
    }

    @Test
    void waitForCompletionPollsUntilDone() throws Exception {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));
        String done = bulkStatus(operation(0, 1, "Success"), operation(1, 1, "Success"));
        statusSequence(bulkStatus(operation(0, 4, null), operation(1, 1, "Success")), done);

        long start = System.nanoTime();
        Exchange result = camel.template().request("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true",
                e -> e.getMessage().setBody(TWO_PRODUCTS));
        report("waitForCompletionPollsUntilDone", "elapsed=" + millisSince(start) + " ms");

        assertNull(result.getException());
        assertEquals(new ObjectMapper().readValue(done, Map.class), result.getMessage().getBody());
        assertEquals("u-2", result.getMessage().getHeader(AccsConstants.BULK_UUID));
        wm.verify(1, putRequestedFor(urlEqualTo(BULK_PRODUCTS)));
        wm.verify(2, getRequestedFor(urlEqualTo(STATUS_U2)).withHeader("Authorization", equalTo("Bearer token-A")));
    }

    @Test
    void waitForCompletionReportsFailedOperations() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));
        statusSequence(bulkStatus(operation(0, 4, null), operation(1, 4, null)),
                bulkStatus(operation(0, 1, "Success"), operation(1, 3, "The SKU is invalid")));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true", TWO_PRODUCTS));

        AccsBulkException bulk = assertInstanceOf(AccsBulkException.class, e.getCause());
        String message = bulk.getMessage();
        assertTrue(message.contains("operation 1"), message);
        assertTrue(message.contains("failed, must be changed before a retry"), message);
        assertTrue(message.contains("The SKU is invalid"), message);
        assertEquals("u-2", bulk.getBulkUuid());
        assertEquals(1, bulk.getFailedOperations().size());
        AccsBulkException.FailedOperation failed = bulk.getFailedOperations().get(0);
        assertEquals(1, failed.id());
        assertEquals(3, failed.status());
        assertEquals("The SKU is invalid", failed.message());
        wm.verify(2, getRequestedFor(urlEqualTo(STATUS_U2)));
    }

    @Test
    void bulkOf500ProductsIsOneRequestAndReportsItsTwoFailures() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));
        List<Map<String, Object>> products = new java.util.ArrayList<>();
        String[] done = new String[500];
        for (int i = 0; i < 500; i++) {
            products.add(Map.of("product", Map.of("sku", "SKU-" + i, "price", i)));
            done[i] = operation(i, i == 17 ? 2 : i == 404 ? 5 : 1, i == 17 ? "Deadlock found; try again"
                    : i == 404 ? "Product SKU-404 is rejected" : "Success");
        }
        wm.stubFor(get(urlEqualTo(STATUS_U2)).willReturn(okJson(bulkStatus(done))));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true", products));

        wm.verify(1, putRequestedFor(urlEqualTo(BULK_PRODUCTS)));
        AccsBulkException bulk = assertInstanceOf(AccsBulkException.class, e.getCause());
        assertEquals(2, bulk.getFailedOperations().size());
        assertEquals("Bulk u-2: 2 of 500 operations failed: operation 17 failed, retriable (Deadlock found; try again);"
                     + " operation 404 rejected (Product SKU-404 is rejected)", bulk.getMessage());
    }

    @Test
    void waitForCompletionTimesOut() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));
        wm.stubFor(get(urlEqualTo(STATUS_U2)).willReturn(okJson(
                bulkStatus(operation(0, 4, null), operation(1, 4, null)))));

        long start = System.nanoTime();
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBody("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true&completionTimeout=500", TWO_PRODUCTS));
        long elapsed = millisSince(start);

        AccsBulkException bulk = assertInstanceOf(AccsBulkException.class, e.getCause());
        assertTrue(bulk.getMessage().contains("not complete within"), bulk.getMessage());
        assertTrue(bulk.getFailedOperations().isEmpty());
        int polls = wm.countRequestsMatching(getRequestedFor(urlEqualTo(STATUS_U2)).build()).getCount();
        report("waitForCompletionTimesOut", "elapsed=" + elapsed + " ms, polls=" + polls + ", message="
                                            + bulk.getMessage());
        assertTrue(elapsed < 3000, "gives up near completionTimeout=500: " + elapsed + " ms");
        assertTrue(polls >= 1 && polls <= 4, "a few polls within 500 ms: " + polls);
    }

    @Test
    void waitForCompletionWithoutAsyncModeFailsAtEndpointCreation() {
        Exception e = assertThrows(Exception.class,
                () -> camel.context().getEndpoint("accs:post:/V1/products?waitForCompletion=true"));

        Throwable t = e;
        while (t.getCause() != null && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, t, () -> "cause chain of " + e);
        assertTrue(t.getMessage().contains("waitForCompletion"), t.getMessage());
        assertTrue(t.getMessage().contains("mode"), t.getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void bulkDeleteSendsArrayBody() {
        // a bulk route has no path parameters, so a bulk DELETE can only name its entities in the body:
        // DELETE /V1/async/bulk/products/bySku with [{"sku":"A"},{"sku":"B"}]
        wm.stubFor(delete(urlEqualTo(BULK_PRODUCTS))
                .willReturn(okJson(ACCEPTED_U2)));

        Exchange result = camel.template().request("accs:delete:/V1/products/{sku}?mode=bulk",
                e -> e.getMessage().setBody(List.of(Map.of("sku", "A"), Map.of("sku", "B"))));

        assertNull(result.getException());
        wm.verify(1, deleteRequestedFor(urlEqualTo(BULK_PRODUCTS))
                .withRequestBody(equalToJson("[{\"sku\":\"A\"},{\"sku\":\"B\"}]")));
    }

    @Test
    void waitForCompletionWorksWithRawResponse() {
        wm.stubFor(put(urlEqualTo(BULK_PRODUCTS)).willReturn(okJson(ACCEPTED_U2)));
        statusSequence(bulkStatus(operation(0, 1, "Success"), operation(1, 1, "Success")));

        Exchange result = camel.template().request("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true&rawResponse=true",
                e -> e.getMessage().setBody(TWO_PRODUCTS));

        assertNull(result.getException(), () -> "failed with " + result.getException());
        assertEquals("u-2", result.getMessage().getHeader(AccsConstants.BULK_UUID));
        wm.verify(1, getRequestedFor(urlEqualTo(STATUS_U2)));
    }
}
