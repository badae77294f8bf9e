package io.camelaccs.component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Commerce has answered a page past the last with the last page again. Without total_count (a fields filter dropped
 * it), that repeated page is the only end sign, and the check must hold when items are bound to a class that has no
 * equals of its own.
 */
class RepeatedPageWithOutputClassTest {

    private static final String SOURCE_ITEMS = "/t/V1/inventory/source-items";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach()
            .withTokenIssued("tok");

    /** A plain class: identity equality, as most route authors' classes have. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class SourceItem {
        public String sku;
        public String source_code;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void theLastPageComingBackAgainEndsTheWalkForBoundItems() {
        // source items have no entity id: offset paging; pages of 2 over 4 items, page 3 repeats page 2
        for (int page = 1; page <= 5; page++) {
            int first = Math.min(page, 2) * 2 - 1;
            wm.stubFor(get(urlPathEqualTo(SOURCE_ITEMS))
                    .withQueryParam("searchCriteria[currentPage]", equalTo(String.valueOf(page)))
                    .willReturn(okJson("{\"items\":[{\"sku\":\"MB|0" + first + "\",\"source_code\":\"default\"},"
                                       + "{\"sku\":\"MB|0" + (first + 1) + "\",\"source_code\":\"default\"}]}")));
        }

        Exchange result = camel.template().request("accs:get:/V1/inventory/source-items?fetchAll=true&pageSize=2"
                                                   + "&fields=items[sku,source_code]&outputClass="
                                                   + SourceItem.class.getName(), e -> {
                                                   });

        List<String> skus = new ArrayList<>();
        for (Iterator<?> items = (Iterator<?>) result.getMessage().getBody(); items.hasNext();) {
            skus.add(assertInstanceOf(SourceItem.class, items.next()).sku);
        }
        assertEquals(List.of("MB|01", "MB|02", "MB|03", "MB|04"), skus);
        assertEquals(3, wm.findAll(getRequestedFor(urlPathEqualTo(SOURCE_ITEMS))).size(), "pages 1, 2 and 3, never 4");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aResourceThatIgnoresTheKeysetConditionFailsTheWalkInsteadOfLooping() {
        // /V1/transactions pages by transaction_id; this server answers every page with the same two items
        wm.stubFor(get(urlPathEqualTo("/t/V1/transactions")).willReturn(okJson(
                "{\"items\":[{\"transaction_id\":1},{\"transaction_id\":2}],\"total_count\":10}")));

        Exchange result = camel.template().request("accs:get:/V1/transactions?fetchAll=true&pageSize=2", e -> {
        });
        Iterator<?> items = (Iterator<?>) result.getMessage().getBody();
        items.next();
        items.next();

        IllegalStateException e = assertThrows(IllegalStateException.class, items::hasNext);
        assertEquals("fetchAll pages by keyset [transaction_id ASC], but Commerce answered the page after transaction_id"
                     + " 2 with that item again: the resource does not filter on 'transaction_id'. Set option idField"
                     + " to the field it filters its ids by", e.getMessage());
        wm.verify(getRequestedFor(urlPathEqualTo("/t/V1/transactions"))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][field]", equalTo("transaction_id"))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][condition_type]", equalTo("gt"))
                .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("2")));
    }
}
