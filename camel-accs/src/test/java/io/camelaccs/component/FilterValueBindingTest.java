package io.camelaccs.component;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.rest.FilterSyntaxException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Simple expression in a filter value is bound as that value, never read as filter syntax: what a header holds
 * reaches Commerce as one condition's value, byte for byte, as Commerce (PHP) decodes the query string.
 */
class FilterValueBindingTest {

    private static final String PRODUCTS = "/t/V1/products";
    private static final String F0 = "searchCriteria[filter_groups][0][filters][0]";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach()
            .withTokenIssued("tok");

    @ParameterizedTest
    @ValueSource(strings = { "Men's Tee", "x' or sku neq 'y", "x') or (sku neq 'y", "100% cotton", "a&b=c&sku=1",
                             "1+1 = 2", "Café ☕ 東京", "say \"hi\"", "back\\slash\\", "${header.other}", " padded ",
                             "" })
    void headerValueIsOneLiteralConditionValue(String name) {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));

        camel.template().requestBodyAndHeader("accs:get:/V1/products?filter=name eq '${header.name}'", null,
                "name", name);

        assertEquals(Map.of(F0 + "[field]", "name", F0 + "[condition_type]", "eq", F0 + "[value]", name),
                filterParameters(), "exactly one filter: name eq <the header, as it is>");
    }

    @Test
    void expressionWithinLiteralTextKeepsTheLiteralText() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));

        camel.template().requestBodyAndHeader(
                "accs:get:/V1/products?filter=RAW(name like '%${header.q}%' and sku nlike 'it''s%')", null, "q",
                "50% off 'n' more");

        Map<String, String> f = filterParameters();
        assertEquals("%50% off 'n' more%", f.get(F0 + "[value]"));
        assertEquals("it's%", f.get("searchCriteria[filter_groups][1][filters][0][value]"));
        assertEquals(6, f.size(), "two conditions");
    }

    @Test
    void unquotedExpressionIsAValueToo() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));

        // the value holds a space, which an unquoted value could not before the expression stood for a value
        camel.template().send("accs:get:/V1/products?filter=updated_at gt ${exchangeProperty.since} and entity_id gt"
                              + " ${header.lastId}",
                e -> {
                    e.setProperty("since", "2026-03-01 00:00:00");
                    e.getMessage().setHeader("lastId", 42);
                });

        Map<String, String> f = filterParameters();
        assertEquals("2026-03-01 00:00:00", f.get(F0 + "[value]"));
        assertEquals("42", f.get("searchCriteria[filter_groups][1][filters][0][value]"));
    }

    @Test
    void expressionHoldingSpacesIsTakenWhole() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));

        camel.template().requestBodyAndHeader("accs:get:/V1/products?filter=updated_at gt"
                                              + " ${date-with-timezone:header.d:UTC:yyyy-MM-dd HH:mm:ss} and sku notnull",
                null, "d", java.util.Date.from(java.time.Instant.parse("2026-03-01T12:30:00Z")));

        Map<String, String> f = filterParameters();
        assertEquals("2026-03-01 12:30:00", f.get(F0 + "[value]"), "the expression's space is Simple's, not the filter's");
        assertEquals("notnull", f.get("searchCriteria[filter_groups][1][filters][0][condition_type]"));
    }

    @Test
    void inListsTakeBareExpressionsAsListsAndQuotedOnesAsOneValue() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        String uri = "accs:get:/V1/products?filter=sku in (${header.skus}, '${header.one}')";

        camel.template().send(uri, e -> {
            e.getMessage().setHeader("skus", "A,B");
            e.getMessage().setHeader("one", "C D");
        });
        assertEquals("A,B,C D", filterParameters().get(F0 + "[value]"));

        Exception failure = camel.template().send(uri, x -> {
            x.getMessage().setHeader("skus", "A");
            x.getMessage().setHeader("one", "C,D");
        }).getException();
        assertInstanceOf(IllegalArgumentException.class, failure);
        assertEquals("The value 'C,D' of ${header.one} in the list of field 'sku' holds a comma, which Commerce reads as"
                     + " a separator (write the expression unquoted to give a comma-separated list)",
                failure.getMessage());
        assertEquals(1, wm.getAllServeEvents().stream().filter(s -> s.getRequest().getUrl().startsWith(PRODUCTS))
                .count(), "the widened list is never sent");
    }

    @Test
    void wholeFilterFromAnExpressionFailsAtStartWithTheWayToDoIt() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products?filter=${header.filter}"));
        FilterSyntaxException syntax = assertInstanceOf(FilterSyntaxException.class, e.getCause());
        assertEquals(1, syntax.getColumn());
        assertTrue(syntax.getMessage().contains("a Simple expression can only stand for a value"), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("CamelAccsSearchCriteria"), syntax.getMessage());
    }

    @Test
    void syntaxErrorOfAFilterWithExpressionsStopsTheEndpointWithItsColumn() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products?filter=name eq '${header.name}' or sku eq 'x'"));
        FilterSyntaxException syntax = assertInstanceOf(FilterSyntaxException.class, e.getCause());
        assertEquals(26, syntax.getColumn());
        assertTrue(syntax.getMessage().startsWith("Invalid filter at column 26: expected 'and' or the end of the filter"),
                syntax.getMessage());
        assertEquals(0, wm.getAllServeEvents().size(), "nothing sent");
    }

    @Test
    void unclosedExpressionPointsAtItsStart() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products?filter=name eq '${header.name'"));
        FilterSyntaxException syntax = assertInstanceOf(FilterSyntaxException.class, e.getCause());
        assertEquals(10, syntax.getColumn());
    }

    /** The searchCriteria[filter_groups] parameters of the last search, decoded as Commerce (PHP) decodes them. */
    private static Map<String, String> filterParameters() {
        List<ServeEvent> events = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(PRODUCTS + "?")).toList();
        String url = events.get(0).getRequest().getUrl(); // newest first
        Map<String, String> found = new TreeMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.startsWith("searchCriteria[filter_groups]")) {
                found.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return found;
    }
}
