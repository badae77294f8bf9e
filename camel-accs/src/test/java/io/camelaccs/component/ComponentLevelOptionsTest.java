package io.camelaccs.component;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options that describe one operation or one consumer exist on the endpoint only: set on the component, where they
 * used to apply to every endpoint at once (one watermark for all consumers, a filter on every non-search call), they
 * now fail start-up with the option named; on endpoint URIs they work as before.
 */
class ComponentLevelOptionsTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** Camel Main's start-up with the connection settings and one more property. */
    private static Exception mainStartFailure(String key, String value) {
        Main main = new Main();
        Properties props = new Properties();
        props.setProperty("camel.component.accs.base-url", "http://localhost:1/t");
        props.setProperty("camel.component.accs.client-id", "id");
        props.setProperty("camel.component.accs.client-secret", "secret");
        props.setProperty(key, value);
        main.setOverrideProperties(props);
        try {
            return assertThrows(Exception.class, main::start, key + " must fail start-up");
        } finally {
            main.stop();
        }
    }

    @Test
    void aComponentLevelFilterFailsCamelMainStartUpNamingIt() {
        Exception e = mainStartFailure("camel.component.accs.filter", "status eq 'pending'");

        PropertyBindingException binding = assertInstanceOfCause(e);
        assertEquals("filter", binding.getPropertyName());
        assertTrue(e.getMessage().contains("camel.component.accs.filter"), e.getMessage());
    }

    @Test
    void aComponentLevelSyncIdFailsCamelMainStartUpNamingIt() {
        Exception e = mainStartFailure("camel.component.accs.sync-id", "orders");

        assertEquals("syncId", assertInstanceOfCause(e).getPropertyName());
        assertTrue(e.getMessage().contains("camel.component.accs.syncId"), e.getMessage());
    }

    @Test
    void everyEndpointOnlyOptionIsUnknownToTheComponent() {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        context.addComponent("accs", accs);
        for (String option : AccsEndpointConfiguration.endpointOnlyOptions()) {
            PropertyBindingException e = assertThrows(PropertyBindingException.class,
                    () -> PropertyBindingSupport.build().withMandatory(true).bind(context, accs, option, "1"), option);
            assertEquals(option, e.getPropertyName());
        }
        // and the configuration bean does not take them either
        assertThrows(PropertyBindingException.class, () -> PropertyBindingSupport.build().withMandatory(true)
                .bind(context, accs, "configuration.incrementalField", "updated_at"));
    }

    @Test
    void anEndpointConfigurationIsRefusedAsTheComponentsConfiguration() {
        AccsEndpointConfiguration conf = new AccsEndpointConfiguration();
        conf.setSyncId("orders");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccsComponent().setConfiguration(conf));

        assertTrue(e.getMessage().contains("AccsEndpointConfiguration"), e.getMessage());
        assertTrue(e.getMessage().contains("syncId") && e.getMessage().contains("filter"), e.getMessage());
    }

    @Test
    void endpointUrisTakeEveryFormerlySharedOptionAndStartFromTheComponentsSettings() {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl("http://localhost:1/t");
        accs.getConfiguration().setClientId("id");
        accs.getConfiguration().setClientSecret("secret");
        accs.getConfiguration().setMaxRetries(7);
        context.addComponent("accs", accs);
        MemoryStateRepository watermarks = new MemoryStateRepository();
        context.getRegistry().bind("watermarks", watermarks);

        AccsEndpointConfiguration search = context.getEndpoint("accs:get:/V1/products?filter=RAW(sku like 'a+b%')"
                                                               + "&sortOrders=sku asc&pageSize=7&fetchAll=true&idField=entity_id"
                                                               + "&outputClass=java.util.TreeMap&rawResponse=false"
                                                               + "&throwExceptionOnFailure=false&maxRetries=2",
                AccsEndpoint.class).getConfiguration();
        assertEquals("sku like 'a+b%'", search.getFilter());
        assertEquals("sku asc", search.getSortOrders());
        assertEquals(7, search.getPageSize());
        assertTrue(search.isFetchAll());
        assertEquals("entity_id", search.getIdField());
        assertEquals(java.util.TreeMap.class, search.getOutputClass());
        assertFalse(search.isThrowExceptionOnFailure());
        assertEquals(2, search.getMaxRetries());
        assertEquals("http://localhost:1/t", search.getBaseUrl());

        AccsEndpointConfiguration page = context.getEndpoint("accs:get:/V1/orders?currentPage=3&validateOperation=false",
                AccsEndpoint.class).getConfiguration();
        assertEquals(3, page.getCurrentPage());
        assertFalse(page.isValidateOperation());
        assertEquals(7, page.getMaxRetries(), "the component's retry policy");
        assertNull(page.getFilter(), "one endpoint's filter is not another's");

        AccsEndpointConfiguration sync = context.getEndpoint("accs:get:/V1/orders?incrementalField=updated_at"
                                                             + "&since=2026-01-01 00:00:00&syncId=orders"
                                                             + "&stateRepository=#watermarks&splitResult=false"
                                                             + "&incrementalOverlap=5000&maxMessagesPerPoll=50",
                AccsEndpoint.class).getConfiguration();
        assertEquals("updated_at", sync.getIncrementalField());
        assertEquals("2026-01-01 00:00:00", sync.getSince());
        assertEquals("orders", sync.getSyncId());
        assertSame(watermarks, sync.getStateRepository());
        assertFalse(sync.isSplitResult());
        assertEquals(5000, sync.getIncrementalOverlap());
        assertEquals(50, sync.getMaxMessagesPerPoll());

        AccsEndpointConfiguration bulk = context.getEndpoint("accs:put:/V1/products/{sku}?mode=bulk"
                                                             + "&waitForCompletion=true&completionTimeout=9000",
                AccsEndpoint.class).getConfiguration();
        assertEquals("bulk", bulk.getMode());
        assertTrue(bulk.isWaitForCompletion());
        assertEquals(9000, bulk.getCompletionTimeout());

        assertEquals(7, accs.getConfiguration().getMaxRetries(), "an endpoint's maxRetries=2 stays its own");
    }

    private static PropertyBindingException assertInstanceOfCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PropertyBindingException pbe) {
                return pbe;
            }
        }
        throw new AssertionError("no PropertyBindingException in " + e, e);
    }
}
