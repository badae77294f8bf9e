package io.camelaccs.rest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationCatalogTest {

    private final OperationCatalog catalog = OperationCatalog.bundled();

    @Test
    void bundledCatalogIsGeneratedFromTheSchema() throws Exception {
        String fresh = OperationCatalogGenerator.generate(OperationCatalogGenerator.SCHEMA);
        if (Boolean.getBoolean("accs.regenerateCatalog")) {
            Files.writeString(OperationCatalogGenerator.OUTPUT, fresh, StandardCharsets.UTF_8);
        }
        assertEquals(fresh, Files.readString(OperationCatalogGenerator.OUTPUT, StandardCharsets.UTF_8),
                "the committed catalog is stale: run with -Daccs.regenerateCatalog=true");
        assertEquals(489, catalog.operations().size(), "the schema's 489 operations");
    }

    @Test
    void paasCatalogIsGeneratedFromThePaasSchema() throws Exception {
        String fresh = OperationCatalogGenerator.generate(OperationCatalogGenerator.PAAS_SCHEMA,
                OperationCatalogGenerator.PAAS_SOURCE);
        if (Boolean.getBoolean("accs.regenerateCatalog")) {
            Files.writeString(OperationCatalogGenerator.PAAS_OUTPUT, fresh, StandardCharsets.UTF_8);
        }
        assertEquals(fresh, Files.readString(OperationCatalogGenerator.PAAS_OUTPUT, StandardCharsets.UTF_8),
                "the committed PaaS catalog is stale: run with -Daccs.regenerateCatalog=true");
        assertEquals(594, OperationCatalog.paas().operations().size(), "the PaaS schema's 594 operations");
    }

    @Test
    void eachPlatformNamesItselfAndTheOtherWhenAnOperationIsOnlyThere() {
        IllegalArgumentException accs = assertThrows(IllegalArgumentException.class,
                () -> catalog.require("GET", "/V1/customers/me", Set.of(), Set.of()));
        assertTrue(accs.getMessage().startsWith("Unknown ACCS operation GET /V1/customers/me: did you mean "),
                accs.getMessage());
        assertTrue(accs.getMessage().contains("(platform=CLOUD_SERVICE, but Adobe Commerce PaaS has it: set"
                                              + " platform=PAAS if the shop is one;"), accs.getMessage());

        Operation me = OperationCatalog.paas().require("GET", "/V1/customers/me", Set.of(), Set.of());
        assertEquals("GET /V1/customers/me", me.describe());
        IllegalArgumentException paas = assertThrows(IllegalArgumentException.class,
                () -> OperationCatalog.paas().require("GET", "/V1/prodcts", Set.of(), Set.of()));
        assertTrue(paas.getMessage().startsWith("Unknown Adobe Commerce PaaS operation GET /V1/prodcts: did you mean"
                                                + " GET /V1/products"), paas.getMessage());
        assertTrue(paas.getMessage().contains("(platform=PAAS;"), paas.getMessage());
    }

    @Test
    void findsOperationsByTemplateOrConcretePath() {
        Operation bySku = catalog.find("GET", "/V1/products/{sku}").orElseThrow();
        assertEquals("/V1/products/{sku}", bySku.path());
        assertEquals(java.util.List.of("editMode", "storeId", "forceReload"), bySku.queryParameters());
        assertFalse(bySku.search());

        assertEquals("/V1/products/{sku}", catalog.find("GET", "/V1/products/24-MB01").orElseThrow().path());
        assertEquals("/V1/products/{sku}", catalog.find("get", "/V1/products/{productSku}").orElseThrow().path());

        Operation list = catalog.find("GET", "/V1/products").orElseThrow();
        assertTrue(list.search());
        assertTrue(catalog.find("POST", "/V1/products").orElseThrow().body());
    }

    @Test
    void literalSegmentsWinOverParameters() {
        // /V1/products/attributes is a literal path, not /V1/products/{sku}
        Operation op = catalog.find("GET", "/V1/products/attributes").orElseThrow();
        assertEquals("/V1/products/attributes", op.path());
    }

    @Test
    void unknownOperationSuggestsTheClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.require("GET", "/V1/product/{sku}", Set.of(), Set.of()));
        assertTrue(e.getMessage().startsWith("Unknown ACCS operation GET /V1/product/{sku}: did you mean GET "
                                             + "/V1/products/{sku}"), e.getMessage());
        assertTrue(e.getMessage().contains("validateOperation=false"));
    }

    @Test
    void unknownQueryOptionNamesTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.require("GET", "/V1/products/{sku}", Set.of("storeid"), Set.of("pageSize")));
        assertEquals("Unknown option 'storeid' for GET /V1/products/{sku}: it is neither an option of the accs component"
                     + " nor a query parameter of the operation. Accepted query parameters: [editMode, fields,"
                     + " forceReload, storeId]; did you mean 'storeId'?", e.getMessage());
    }

    @Test
    void searchOperationsTakeRawSearchCriteriaAndFields() {
        Operation op = catalog.require("GET", "/V1/products", Set.of("searchCriteria[pageSize]", "fields"), Set.of());
        assertTrue(op.search());
    }
}
