package io.camelaccs.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A subscription's {@code fields} as Commerce applies them: each field at its {@code name}, a dotted path, taken from
 * its {@code source} (the name itself when none is given). docs/webhooks.md's subscription keeps the payload's shape
 * with names alone; an alias moves the value.
 */
class HookFiltersTest {

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode payload() throws Exception {
        return (ObjectNode) json.readTree("{\"eventName\":\"observer.catalog_product_save_after\",\"data\":{\"product\":"
                                          + "{\"sku\":\"T-1\",\"name\":\"Free Tee\",\"price\":9}}}");
    }

    @Test
    void namesAloneKeepThePayloadsShape() throws Exception {
        JsonNode fields = json.readTree("[{\"name\":\"data.product.name\"},{\"name\":\"data.product.sku\"}]");
        assertEquals(json.readTree("{\"data\":{\"product\":{\"name\":\"Free Tee\",\"sku\":\"T-1\"}}}"),
                HookFilters.reshape(fields, payload()));
    }

    @Test
    void anAliasPutsTheValueAtItsName() throws Exception {
        JsonNode fields = json.readTree("[{\"name\":\"product.name\",\"source\":\"data.product.name\"}]");
        assertEquals(json.readTree("{\"product\":{\"name\":\"Free Tee\"}}"), HookFilters.reshape(fields, payload()));
    }

    @Test
    void noFieldsIsTheWholePayload() throws Exception {
        assertEquals(payload(), HookFilters.reshape(json.createArrayNode(), payload()));
    }
}
