package io.camelaccs.component;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** waitForCompletion against a status answer that is no JSON object: a clear error, never an NPE or a cast error. */
class BulkStatusBodyTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach()
            .withTokenIssued("tok");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "200|``|an empty body",
            "204|``|an empty body",
            "200|[]|'[]'",
            "200|null|'null'",
            "200|\"queued\"|'\"queued\"'",
            "200|<html><body>Gateway maintenance</body></html>|'<html><body>Gateway maintenance</body></html>'" })
    void statusThatIsNoObjectFailsNamingStatusUuidAndWhatCame(int status, String body, String shown) {
        wm.stubFor(put(urlEqualTo("/t/V1/async/bulk/products/bySku"))
                .willReturn(okJson("{\"bulk_uuid\":\"u-9\",\"request_items\":[],\"errors\":false}")));
        wm.stubFor(get(urlEqualTo("/t/V1/bulk/u-9/status")).willReturn(aResponse().withStatus(status).withBody(body)));

        Exchange result = camel.template().send("accs:put:/V1/products/bySku?mode=bulk&waitForCompletion=true",
                e -> e.getMessage().setBody(java.util.List.of(java.util.Map.of("product", java.util.Map.of("sku", "A")))));

        AccsApiException e = assertInstanceOf(AccsApiException.class, result.getException());
        assertEquals(status, e.getStatusCode());
        assertEquals("ACCS GET /V1/bulk/u-9/status failed with HTTP " + status + ": the status of bulk u-9 is not a JSON"
                     + " object with an operations_list, but " + shown, e.getMessage());
    }
}
