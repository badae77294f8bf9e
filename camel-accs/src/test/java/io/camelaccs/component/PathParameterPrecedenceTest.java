package io.camelaccs.component;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;

/**
 * A path parameter the route author fixed on the URI is never overridden by a message header of the same name
 * (headers come from HTTP query strings, Kafka, JMS); headers still fill the parameters the URI leaves open.
 */
class PathParameterPrecedenceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach()
            .withTokenIssued("tok");

    @Test
    void uriValueWinsOverAHeaderOfTheSameName() throws Exception {
        wm.stubFor(delete(urlMatching("/t/V1/products/.*")).willReturn(okJson("true")));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the headers of an HTTP caller (?sku=EVIL) reach the route as message headers
                from("direct:cleanup").to("accs:delete:/V1/products/{sku}?sku=SAFE");
            }
        });

        camel.template().sendBodyAndHeaders("direct:cleanup", null, Map.of("sku", "EVIL"));

        wm.verify(1, deleteRequestedFor(urlEqualTo("/t/V1/products/SAFE")));
        wm.verify(0, deleteRequestedFor(urlEqualTo("/t/V1/products/EVIL")));
    }

    @Test
    void headersFillWhatTheUriLeavesOpen() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/SAFE/media/5")).willReturn(okJson("{}")));
        wm.stubFor(get(urlEqualTo("/t/V1/products/FROM-HEADER")).willReturn(okJson("{}")));

        camel.template().requestBodyAndHeaders("accs:get:/V1/products/{sku}/media/{entryId}?sku=SAFE", null,
                Map.of("sku", "EVIL", "entryId", 5));
        camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "FROM-HEADER");

        wm.verify(1, getRequestedFor(urlEqualTo("/t/V1/products/SAFE/media/5")));
        wm.verify(1, getRequestedFor(urlEqualTo("/t/V1/products/FROM-HEADER")));
        wm.verify(0, anyRequestedFor(urlMatching(".*EVIL.*")));
    }
}
