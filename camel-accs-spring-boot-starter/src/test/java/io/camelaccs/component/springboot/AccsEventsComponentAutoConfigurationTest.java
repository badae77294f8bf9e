package io.camelaccs.component.springboot;

import io.camelaccs.events.AccsEventsComponent;
import io.camelaccs.events.AccsEventsConfiguration;
import io.camelaccs.events.AccsEventsEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** How camel.component.accs-events.* reaches the component, and what it takes from camel.component.accs.*. */
class AccsEventsComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, AccsComponentAutoConfiguration.class,
                    AccsEventsComponentAutoConfiguration.class));

    private static AccsEventsComponent events(org.springframework.context.ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("accs-events", AccsEventsComponent.class);
    }

    @Test
    void eventsPropertiesBindAndTheImsSettingsComeFromAccs() {
        IdempotentRepository seen = MemoryIdempotentRepository.memoryIdempotentRepository(100);
        runner.withBean("seenEvents", IdempotentRepository.class, () -> seen)
                .withPropertyValues(
                        "camel.component.accs.client-id=the-client",
                        "camel.component.accs.client-secret=a+b%c&d",
                        "camel.component.accs.org-id=ORG@AdobeOrg",
                        "camel.component.accs-events.journal-url=https://events-va6.adobe.io/events/organizations/o/integrations/c/r",
                        "camel.component.accs-events.event-types=com.adobe.commerce.observer.catalog_product_delete_commit_after",
                        "camel.component.accs-events.since=-PT2H",
                        "camel.component.accs-events.read-timeout=30s",
                        "camel.component.accs-events.idempotent-repository=#bean:seenEvents")
                .run(context -> {
                    AccsEventsConfiguration conf = events(context).getConfiguration();
                    assertEquals("https://events-va6.adobe.io/events/organizations/o/integrations/c/r", conf.getJournalUrl());
                    assertEquals("com.adobe.commerce.observer.catalog_product_delete_commit_after", conf.getEventTypes());
                    assertEquals("-PT2H", conf.getSince());
                    assertEquals(30_000L, conf.getReadTimeout());
                    assertSame(seen, conf.getIdempotentRepository());
                    // not set for accs-events: taken from accs when an endpoint is made
                    assertNull(conf.getClientId());
                    AccsEventsEndpoint endpoint = (AccsEventsEndpoint) context.getBean(CamelContext.class)
                            .getEndpoint("accs-events:journal");
                    assertEquals("https://events-va6.adobe.io/events/organizations/o/integrations/c/r",
                            endpoint.getConfiguration().getJournalUrl());
                });
    }

    @Test
    void enabledFalseTurnsTheAutoConfigurationOff() {
        runner.withPropertyValues("camel.component.accs-events.enabled=false",
                "camel.component.accs-events.since=latest")
                .run(context -> assertEquals("oldest", events(context).getConfiguration().getSince()));
    }
}
