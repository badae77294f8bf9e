package io.camelaccs.component.springboot;

import io.camelaccs.events.AccsEventsComponent;
import io.camelaccs.events.AccsEventsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the {@code accs-events} component from {@code camel.component.accs-events.*}, as
 * {@link AccsComponentAutoConfiguration} does for {@code accs}. The IMS options left unset there are the accs
 * component's ({@code camel.component.accs.*}), so a Spring Boot application usually sets only
 * {@code camel.component.accs-events.journal-url} or nothing at all.
 * <p>
 * Switches: {@code camel.component.accs-events.enabled=false} turns it off;
 * {@code camel.component.accs-events.customizer.enabled=false} keeps it but stops the properties being applied.
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, AccsComponentAutoConfiguration.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.accs-events" })
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, AccsEventsComponentConfiguration.class })
public class AccsEventsComponentAutoConfiguration {

    /** The component name the properties apply to. */
    public static final String COMPONENT_NAME = "accs-events";

    @Lazy
    @Bean
    public ComponentCustomizer configureAccsEventsComponent(ApplicationContext applicationContext,
            CamelContext camelContext, AccsEventsComponentConfiguration configuration) {
        return new PropertiesCustomizer<>(applicationContext, camelContext, configuration, COMPONENT_NAME,
                AccsEventsComponent.class, AccsEventsConfiguration.class, (component, conf) -> component.setConfiguration(conf.copy()));
    }
}
