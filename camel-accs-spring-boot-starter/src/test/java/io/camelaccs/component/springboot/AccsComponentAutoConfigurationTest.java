package io.camelaccs.component.springboot;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.InMemoryTokenStore;
import io.camelaccs.ims.TokenStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How camel.component.accs.* reaches the component, and the switches around it. */
class AccsComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, AccsComponentAutoConfiguration.class));

    private static AccsConfiguration accs(org.springframework.context.ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("accs", AccsComponent.class).getConfiguration();
    }

    @Test
    void relaxedPropertiesOfEveryKindBindOntoTheComponent() {
        runner.withPropertyValues(
                "camel.component.accs.base-url=https://na1.api.commerce.adobe.com/tenant-9",
                "camel.component.accs.clientId=the-client",                  // camelCase works too
                "camel.component.accs.client-secret=a+b%c&d",
                "camel.component.accs.authentication-type=refresh-token",   // enum, relaxed
                "camel.component.accs.read-timeout=30s",                    // durations in Spring's syntax ...
                "camel.component.accs.token-refresh-margin=2m",
                "camel.component.accs.connect-timeout=1500",                // ... or plain milliseconds
                "camel.component.accs.max-retries=5",
                "camel.component.accs.retry-non-idempotent=true",
                "camel.component.accs.health-check-producer-enabled=false",
                "camel.component.accs.lazy-start-producer=true")
                .run(context -> {
                    AccsComponent component = context.getBean(CamelContext.class).getComponent("accs", AccsComponent.class);
                    AccsConfiguration conf = component.getConfiguration();
                    assertEquals("https://na1.api.commerce.adobe.com/tenant-9", conf.getBaseUrl());
                    assertEquals("the-client", conf.getClientId());
                    assertEquals("a+b%c&d", conf.getClientSecret());
                    assertEquals(AuthenticationType.REFRESH_TOKEN, conf.getAuthenticationType());
                    assertEquals(30_000, conf.getReadTimeout());
                    assertEquals(120_000, conf.getTokenRefreshMargin());
                    assertEquals(1500, conf.getConnectTimeout());
                    assertEquals(5, conf.getMaxRetries());
                    assertTrue(conf.isRetryNonIdempotent());
                    assertFalse(component.isHealthCheckProducerEnabled());
                    assertTrue(component.isLazyStartProducer());
                });
    }

    @Test
    void optionsNotSetKeepTheComponentDefaults() {
        runner.withPropertyValues("camel.component.accs.base-url=http://localhost:1/t").run(context -> {
            AccsConfiguration conf = accs(context);
            AccsConfiguration defaults = new AccsConfiguration();
            assertEquals("http://localhost:1/t", conf.getBaseUrl());
            assertEquals(defaults.getScopes(), conf.getScopes());
            assertEquals(defaults.getImsUrl(), conf.getImsUrl());
            assertEquals(defaults.getReadTimeout(), conf.getReadTimeout());
            assertEquals(defaults.getMaxRetries(), conf.getMaxRetries());
        });
    }

    @Test
    void anEndpointOptionOnTheComponentFailsStartUpNamingIt() {
        // Spring Boot would ignore it silently; earlier versions applied it to every endpoint
        runner.withPropertyValues("camel.component.accs.base-url=http://localhost:1/t",
                "camel.component.accs.filter=updated_at gt '\\${exchangeProperty.since}'").run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertNotNull(failure, "start-up fails");
                    String message = rootCause(failure).getMessage();
                    assertTrue(message.startsWith("camel.component.accs.filter is not a component option: it is an"
                                                  + " endpoint option now"), message);
                });
    }

    @Test
    void everyEndpointOptionIsCaughtInEverySpelling() {
        runner.withPropertyValues("camel.component.accs.syncId=orders", "camel.component.accs.fetch-all=true",
                "camel.component.accs.incremental-field=updated_at").run(context -> {
                    String message = rootCause(context.getStartupFailure()).getMessage();
                    assertTrue(message.contains("camel.component.accs.sync-id"), message);
                    assertTrue(message.contains("camel.component.accs.fetch-all"), message);
                    assertTrue(message.contains("camel.component.accs.incremental-field"), message);
                });
        for (String option : io.camelaccs.component.AccsEndpointConfiguration.endpointOnlyOptions()) {
            String property = "camel.component.accs." + EndpointOptionsOnComponentCheck.kebab(option);
            runner.withPropertyValues(property + "=1").run(context -> assertTrue(
                    rootCause(context.getStartupFailure()).getMessage().startsWith(property + " is not"), property));
        }
    }

    @Test
    void anEndpointConfigurationBeanIsRefusedAsTheComponentsConfiguration() {
        io.camelaccs.component.AccsEndpointConfiguration conf = new io.camelaccs.component.AccsEndpointConfiguration();
        runner.withBean("tenantConf", AccsConfiguration.class, () -> conf)
                .withPropertyValues("camel.component.accs.configuration=#bean:tenantConf")
                .run(context -> {
                    Throwable failure = assertThrows(Throwable.class,
                            () -> context.getBean(CamelContext.class).getComponent("accs", AccsComponent.class));
                    String message = rootCause(failure).getMessage();
                    assertTrue(message.contains("AccsEndpointConfiguration"), message);
                });
    }

    private static Throwable rootCause(Throwable t) {
        assertNotNull(t, "start-up fails");
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    @Test
    void enabledFalseTurnsTheAutoConfigurationOff() {
        runner.withPropertyValues("camel.component.accs.enabled=false", "camel.component.accs.base-url=http://x/t")
                .run(context -> {
                    assertFalse(context.containsBean("configureAccsComponent"));
                    assertNull(accs(context).getBaseUrl());
                });
        runner.withPropertyValues("camel.component.enabled=false", "camel.component.accs.base-url=http://x/t")
                .run(context -> assertFalse(context.containsBean("configureAccsComponent")));
    }

    @Test
    void customizerEnabledFalseKeepsThePropertiesOffTheComponent() {
        runner.withPropertyValues("camel.component.accs.customizer.enabled=false",
                "camel.component.accs.base-url=http://x/t").run(context -> {
                    assertTrue(context.containsBean("configureAccsComponent"));
                    assertNull(accs(context).getBaseUrl());
                });
    }

    @Test
    void applicationCustomizersRunAfterThePropertiesAndMayOverrideThem() {
        runner.withPropertyValues("camel.component.accs.base-url=http://x/t", "camel.component.accs.store-code=default")
                .withBean("storeCustomizer", ComponentCustomizer.class,
                        () -> ComponentCustomizer.forType(AccsComponent.class, c -> {
                            // the properties are already there
                            assertEquals("http://x/t", c.getConfiguration().getBaseUrl());
                            c.getConfiguration().setStoreCode("de_store");
                        }))
                .run(context -> assertEquals("de_store", accs(context).getStoreCode()));
    }

    @Test
    void objectOptionsTakeBeanReferences() {
        AccsConfiguration tenant = new AccsConfiguration();
        tenant.setBaseUrl("https://na1.api.commerce.adobe.com/from-bean");
        tenant.setMaxRetries(9);
        TokenStore store = new InMemoryTokenStore();
        runner.withBean("tenantConf", AccsConfiguration.class, () -> tenant)
                .withBean("sharedTokenStore", TokenStore.class, () -> store)
                .withPropertyValues("camel.component.accs.configuration=#bean:tenantConf",
                        "camel.component.accs.token-store=#sharedTokenStore",
                        "camel.component.accs.client-id=beside-the-bean")
                .run(context -> {
                    AccsConfiguration conf = accs(context);
                    assertEquals("https://na1.api.commerce.adobe.com/from-bean", conf.getBaseUrl());
                    assertEquals(9, conf.getMaxRetries());
                    assertEquals("beside-the-bean", conf.getClientId(), "single options refine the bean's");
                    assertSame(store, conf.getTokenStore());
                    assertNull(tenant.getClientId(), "the bean itself is left unchanged");
                });
    }

    @Test
    void otherInstancesOfTheComponentAreLeftAlone() {
        AccsComponent eu = new AccsComponent();
        eu.getConfiguration().setBaseUrl("https://eu/tenant");
        runner.withBean("accsEu", AccsComponent.class, () -> eu)
                .withPropertyValues("camel.component.accs.base-url=http://x/t")
                .run(context -> {
                    CamelContext camel = context.getBean(CamelContext.class);
                    assertEquals("https://eu/tenant",
                            camel.getComponent("accsEu", AccsComponent.class).getConfiguration().getBaseUrl());
                    assertEquals("http://x/t", accs(context).getBaseUrl());
                });
    }
}
