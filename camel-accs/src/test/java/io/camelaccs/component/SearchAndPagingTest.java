package io.camelaccs.component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.FilterSyntaxException;
import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchAndPagingTest {

    private static final String PRODUCTS = "/t/V1/products";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach()
            .withTokenIssued("tok");

    @Test
    void filterBecomesSearchCriteriaAndPageSizeIsAlwaysSent() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));

        camel.template().requestBody("accs:get:/V1/products?filter=updated_at gteq '2026-01-01' and "
                             + "(type_id eq 'simple' or type_id eq 'virtual')&sortOrders=updated_at asc, entity_id asc",
                (Object) null);

        wm.verify(getRequestedFor(urlPathEqualTo(PRODUCTS))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][field]", equalTo("updated_at"))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("2026-01-01"))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][condition_type]", equalTo("gteq"))
                .withQueryParam("searchCriteria[filter_groups][1][filters][0][field]", equalTo("type_id"))
                .withQueryParam("searchCriteria[filter_groups][1][filters][0][value]", equalTo("simple"))
                .withQueryParam("searchCriteria[filter_groups][1][filters][1][value]", equalTo("virtual"))
                .withQueryParam("searchCriteria[sortOrders][0][field]", equalTo("updated_at"))
                .withQueryParam("searchCriteria[sortOrders][0][direction]", equalTo("ASC"))
                .withQueryParam("searchCriteria[sortOrders][1][field]", equalTo("entity_id"))
                .withQueryParam("searchCriteria[pageSize]", equalTo("100")));
    }

    @Test
    void searchWithoutOptionsStillBoundsThePage() {
        wm.stubFor(get(urlPathEqualTo("/t/V1/orders")).willReturn(okJson("{\"items\":[],\"total_count\":0}")));

        camel.template().requestBody("accs:get:/V1/orders", (Object) null);

        wm.verify(getRequestedFor(urlPathEqualTo("/t/V1/orders")).withQueryParam("searchCriteria[pageSize]", equalTo("100")));
    }

    @Test
    void simpleExpressionsInFilterAreEvaluatedPerExchange() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        String uri = "accs:get:/V1/products?filter=updated_at gt '${exchangeProperty.since}'";

        camel.template().send(uri, e -> e.setProperty("since", "2026-03-01 00:00:00"));
        camel.template().send(uri, e -> e.setProperty("since", "2026-04-01 00:00:00"));

        wm.verify(getRequestedFor(urlPathEqualTo(PRODUCTS))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("2026-03-01 00:00:00")));
        wm.verify(getRequestedFor(urlPathEqualTo(PRODUCTS))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("2026-04-01 00:00:00")));
    }

    @Test
    void searchCriteriaHeaderOverridesOptions() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        SearchCriteria criteria = SearchCriteria.builder().where("sku", "like", "MB%").pageSize(5).build();

        camel.template().requestBodyAndHeader("accs:get:/V1/products?filter=sku eq 'x'", null,
                AccsConstants.SEARCH_CRITERIA, criteria);

        wm.verify(getRequestedFor(urlPathEqualTo(PRODUCTS))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("MB%"))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][condition_type]", equalTo("like"))
                .withQueryParam("searchCriteria[pageSize]", equalTo("5")));
    }

    @Test
    void filterSyntaxErrorFailsAtEndpointCreationWithItsColumn() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products?filter=updated_at equals '2026'"));
        FilterSyntaxException syntax = assertInstanceOf(FilterSyntaxException.class, e.getCause());
        assertEquals(12, syntax.getColumn());
        assertTrue(syntax.getMessage().startsWith("Invalid filter at column 12"), syntax.getMessage());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void searchOptionsOnAnOperationThatIsNoSearchFail() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products/{sku}?fetchAll=true"));
        assertEquals("Options filter, sortOrders, currentPage and fetchAll apply to search operations only, and "
                     + "GET /V1/products/{sku} is not one", e.getCause().getMessage());
    }

    /** Why a second context, sharing the accs component, fails to start with a route to {@code uri}. */
    private Exception routeFailsAtStart(String uri) {
        CamelContext other = new DefaultCamelContext();
        other.addComponent("accs", camel.context().getComponent("accs"));
        Exception e = assertThrows(Exception.class, () -> {
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").to(uri);
                }
            });
            other.start();
        });
        other.stop();
        return e;
    }

    @Test
    void unknownOperationFailsTheRouteAtStartWithASuggestion() {
        String message = rootMessage(routeFailsAtStart("accs:get:/V1/product/{sku}"));
        assertTrue(message.contains("did you mean GET /V1/products/{sku}"), message);
    }

    @Test
    void misspeltPathAndOptionAreCaughtAtStartWithSuggestions() {
        Exception e = routeFailsAtStart("accs:get:/V1/prodcts");
        assertTrue(rootMessage(e).startsWith("Unknown ACCS operation GET /V1/prodcts: did you mean GET /V1/products"),
                rootMessage(e));

        ResolveEndpointFailedException option = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products?pageSise=5"));
        assertTrue(option.getCause().getMessage().endsWith("did you mean 'pageSize'?"), option.getCause().getMessage());
    }

    @Test
    void optionInAnotherCaseIsBoundAsCamelDoesAndTheDocumentedSpellingNamed() throws Exception {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        String logs;
        try (LogCapture capture = new LogCapture()) {
            camel.template().requestBody("accs:get:/V1/products?pagesize=5", (Object) null);
            logs = capture.text();
        }
        wm.verify(getRequestedFor(urlPathEqualTo(PRODUCTS)).withQueryParam("searchCriteria[pageSize]", equalTo("5")));
        assertTrue(logs.contains("Option 'pagesize' of an accs endpoint is bound to 'pageSize': did you mean 'pageSize'?"),
                "a warning names the documented spelling");
    }

    @Test
    void everyConditionTypeReachesCommerceAsTheSchemaExpects() {
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        String filter = "sku like 'MB%' and (type_id eq 'simple' or type_id neq 'virtual' or name nlike '%''s bag%')"
                        + " and price gt 10 and price gteq 10.5 and price lt 100 and price lteq 99.9"
                        + " and entity_id in (1, 2, 3) and entity_id nin '4,5' and category_ids finset 7"
                        + " and category_ids nfinset 8 and created_at from '2026-01-01 00:00:00'"
                        + " and created_at to '2026-12-31 23:59:59' and qty moreq 1"
                        + " and special_price null and description notnull";

        camel.template().requestBody("accs:get:/V1/products?filter=RAW(" + filter + ")", (Object) null);

        var request = wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(PRODUCTS))
                .findFirst().orElseThrow().getRequest();
        String[][] expected = {
            { "sku", "MB%", "like" }, { "type_id", "simple", "eq" }, { "type_id", "virtual", "neq" },
            { "name", "%'s bag%", "nlike" }, { "price", "10", "gt" }, { "price", "10.5", "gteq" },
            { "price", "100", "lt" }, { "price", "99.9", "lteq" }, { "entity_id", "1,2,3", "in" },
            { "entity_id", "4,5", "nin" }, { "category_ids", "7", "finset" }, { "category_ids", "8", "nfinset" },
            { "created_at", "2026-01-01 00:00:00", "from" }, { "created_at", "2026-12-31 23:59:59", "to" },
            { "qty", "1", "moreq" }, { "special_price", null, "null" }, { "description", null, "notnull" } };
        int[][] at = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 1, 2 }, { 2, 0 }, { 3, 0 }, { 4, 0 }, { 5, 0 }, { 6, 0 },
            { 7, 0 }, { 8, 0 }, { 9, 0 }, { 10, 0 }, { 11, 0 }, { 12, 0 }, { 13, 0 }, { 14, 0 } };
        for (int i = 0; i < expected.length; i++) {
            String prefix = "searchCriteria[filter_groups][" + at[i][0] + "][filters][" + at[i][1] + "]";
            assertEquals(expected[i][0], request.queryParameter(prefix + "[field]").firstValue(), prefix);
            assertEquals(expected[i][2], request.queryParameter(prefix + "[condition_type]").firstValue(), prefix);
            if (expected[i][1] == null) {
                assertFalse(request.queryParameter(prefix + "[value]").isPresent(), prefix + " has no value");
            } else {
                assertEquals(expected[i][1], request.queryParameter(prefix + "[value]").firstValue(), prefix);
            }
        }
        assertFalse(request.queryParameter("searchCriteria[filter_groups][15][filters][0][field]").isPresent());
    }

    @Test
    void tenMalformedFiltersPointAtTheirColumn() {
        String[][] cases = {
            { "sku", "4" }, { "sku eq", "7" }, { "sku equals 'x'", "5" }, { "sku eq 'open", "8" },
            { "(sku eq 'a' or sku eq 'b'", "26" }, { "sku eq 'a' or sku eq 'b'", "12" }, { "sku in ()", "9" },
            { "sku eq 'a' and", "15" }, { "1sku eq 'a'", "1" }, { "sku eq 'a' sku eq 'b'", "12" } };
        for (String[] c : cases) {
            ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                    () -> camel.context().getEndpoint("accs:get:/V1/products?filter=RAW(" + c[0] + ")"), c[0]);
            FilterSyntaxException syntax = assertInstanceOf(FilterSyntaxException.class, e.getCause(), c[0]);
            int column = Integer.parseInt(c[1]);
            assertEquals(column, syntax.getColumn(), () -> c[0] + ": " + syntax.getMessage());
            assertTrue(syntax.getMessage().startsWith("Invalid filter at column " + column + ":"), syntax.getMessage());
            assertEquals(c[0], syntax.getInput());
        }
    }

    @Test
    void fetchAllOver2350ItemsMakes24PageRequests() {
        stubPages(100, 2350);

        Exchange result = camel.template().request("accs:get:/V1/products?fetchAll=true&pageSize=100", e -> {
        });
        List<String> skus = new ArrayList<>();
        ((Iterator<?>) result.getMessage().getBody()).forEachRemaining(i -> skus.add(sku(i)));

        assertEquals(2350, skus.size());
        assertEquals(2350, new java.util.HashSet<>(skus).size(), "every item once");
        assertEquals(24, pageRequests());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void extensionEndpointsPassWhenValidationIsOff() {
        wm.stubFor(get(urlPathEqualTo("/t/V1/acme/loyalty/42")).willReturn(okJson("{\"points\":7}")));

        Object body = camel.template().requestBody("accs:get:/V1/acme/loyalty/42?validateOperation=false&tier=gold",
                (Object) null);

        assertEquals(7, ((Map<?, ?>) body).get("points"));
        wm.verify(getRequestedFor(urlPathEqualTo("/t/V1/acme/loyalty/42")).withQueryParam("tier", equalTo("gold")));
    }

    @Test
    void fetchAllFetchesAPageOnlyWhenThePreviousIsConsumed() {
        stubPages(2, 5);

        Exchange result = camel.template().request("accs:get:/V1/products?fetchAll=true&pageSize=2", e -> {
        });

        assertEquals(5L, result.getMessage().getHeader(AccsConstants.TOTAL_COUNT));
        Iterator<?> items = assertInstanceOf(Iterator.class, result.getMessage().getBody());
        assertEquals(1, pageRequests(), "only the first page before anything is consumed");
        assertEquals("P1", sku(items.next()));
        assertEquals("P2", sku(items.next()));
        assertEquals(1, pageRequests());
        assertEquals("P3", sku(items.next()));
        assertEquals(2, pageRequests());
        List<String> rest = new ArrayList<>();
        items.forEachRemaining(i -> rest.add(sku(i)));
        assertEquals(List.of("P4", "P5"), rest);
        assertEquals(3, pageRequests(), "stops on total_count, although page 4 would answer the last page again");
        assertFalse(items.hasNext());
    }

    @Test
    void fetchAllWithoutTotalCountStopsWhenTheLastPageComesBackAgain() {
        // pages of 2 over 4 items, total_count filtered away; page 3 repeats page 2, as Commerce has done
        for (int page = 1; page <= 3; page++) {
            int first = Math.min(page, 2) * 2 - 1;
            wm.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("searchCriteria[currentPage]", equalTo(String.valueOf(page)))
                    .willReturn(okJson("{\"items\":[{\"sku\":\"P" + first + "\"},{\"sku\":\"P" + (first + 1) + "\"}]}")));
        }

        Exchange result = camel.template().request("accs:get:/V1/products?fetchAll=true&pageSize=2&fields=items[sku]",
                e -> {
                });

        List<String> skus = new ArrayList<>();
        ((Iterator<?>) result.getMessage().getBody()).forEachRemaining(i -> skus.add(sku(i)));
        assertEquals(List.of("P1", "P2", "P3", "P4"), skus);
    }

    @Test
    void contradictoryOptionsFailAtEndpointCreation() {
        assertEquals("Option mode=async applies to writes (post, put, delete), not to GET /V1/products",
                assertThrows(ResolveEndpointFailedException.class,
                        () -> camel.context().getEndpoint("accs:get:/V1/products?mode=async")).getCause().getMessage());
        assertTrue(assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products?fetchAll=true&searchCriteria[currentPage]=2"))
                .getCause().getMessage().startsWith("Option fetchAll pages by itself"));
    }

    @Test
    void fetchAllStreamsThroughSplit() throws Exception {
        stubPages(2, 5);
        List<String> seen = new ArrayList<>();
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to("accs:get:/V1/products?fetchAll=true&pageSize=2")
                        .split(body()).streaming()
                        .process(e -> seen.add(e.getMessage().getBody(Map.class).get("sku").toString()));
            }
        });

        camel.template().sendBody("direct:export", null);

        assertEquals(List.of("P1", "P2", "P3", "P4", "P5"), seen);
    }

    @Test
    void fetchAllBindsItemsToOutputClass() {
        stubPages(2, 3);

        Exchange result = camel.template().request("accs:get:/V1/products?fetchAll=true&pageSize=2&outputClass="
                                           + Product.class.getName(), e -> {
                                           });

        List<Product> products = new ArrayList<>();
        ((Iterator<?>) result.getMessage().getBody()).forEachRemaining(p -> products.add((Product) p));
        assertEquals(List.of(new Product("P1", "Product 1"), new Product("P2", "Product 2"), new Product("P3", "Product 3")),
                products);
    }

    @Test
    void errorOnALaterPageFailsTheSplitVisibly() throws Exception {
        stubPages(2, 6);
        wm.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("searchCriteria[currentPage]", equalTo("2"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Internal error\"}")));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to("accs:get:/V1/products?fetchAll=true&pageSize=2&maxRetries=0")
                        .split(body()).streaming().to("mock:items");
            }
        });

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().sendBody("direct:export", null));

        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof AccsApiException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(AccsApiException.class, cause, "the page's error reaches the caller");
        assertEquals(500, ((AccsApiException) cause).getStatusCode());
    }

    @Test
    void rawResponseKeepsTheBytes() {
        String json = "{\"sku\":\"A\",\"price\":1.50}";
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(okJson(json)));

        Object body = camel.template().requestBody("accs:get:/V1/products/A?rawResponse=true", (Object) null);

        assertArrayEquals(json.getBytes(), (byte[]) body);
    }

    @Test
    void outputClassBindsTheResponse() {
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(okJson("{\"sku\":\"A\",\"name\":\"Bag\",\"x\":1}")));

        Object body = camel.template().requestBody("accs:get:/V1/products/A?outputClass=" + Product.class.getName(),
                (Object) null);

        assertEquals(new Product("A", "Bag"), body);
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record Product(String sku, String name) {
    }

    /** Pages of pageSize over total items; a page past the last answers the last page again, as Commerce has. */
    private static void stubPages(int pageSize, int total) {
        int pages = (total + pageSize - 1) / pageSize;
        for (int page = 1; page <= pages + 1; page++) {
            int effective = Math.min(page, pages);
            StringBuilder items = new StringBuilder();
            for (int i = (effective - 1) * pageSize + 1; i <= Math.min(effective * pageSize, total); i++) {
                if (items.length() > 0) {
                    items.append(',');
                }
                items.append("{\"sku\":\"P").append(i).append("\",\"name\":\"Product ").append(i).append("\"}");
            }
            wm.stubFor(get(urlPathEqualTo(PRODUCTS)).withQueryParam("searchCriteria[currentPage]", equalTo(String.valueOf(page)))
                    .willReturn(okJson("{\"items\":[" + items + "],\"total_count\":" + total + "}")));
        }
    }

    private static int pageRequests() {
        return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(PRODUCTS)).build()).getCount();
    }

    private static String sku(Object item) {
        return ((Map<?, ?>) item).get("sku").toString();
    }

}
