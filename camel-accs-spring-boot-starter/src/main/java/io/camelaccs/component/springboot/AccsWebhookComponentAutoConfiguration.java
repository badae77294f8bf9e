package io.camelaccs.component.springboot;

import io.camelaccs.webhook.AccsWebhookComponent;
import io.camelaccs.webhook.AccsWebhookConfiguration;
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
 * Configures the {@code accs-webhook} component from {@code camel.component.accs-webhook.*}, as
 * {@link AccsComponentAutoConfiguration} does for {@code accs}: the options set there are every accs-webhook
 * endpoint's defaults (such as {@code camel.component.accs-webhook.public-key}, the Commerce signing key).
 * <p>
 * Switches: {@code camel.component.accs-webhook.enabled=false} turns it off;
 * {@code camel.component.accs-webhook.customizer.enabled=false} keeps it but stops the properties being applied.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.accs-webhook" })
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, AccsWebhookComponentConfiguration.class })
public class AccsWebhookComponentAutoConfiguration {

    /** The component name the properties apply to. */
    public static final String COMPONENT_NAME = "accs-webhook";

    @Lazy
    @Bean
    public ComponentCustomizer configureAccsWebhookComponent(ApplicationContext applicationContext,
            CamelContext camelContext, AccsWebhookComponentConfiguration configuration) {
        return new PropertiesCustomizer<>(applicationContext, camelContext, configuration, COMPONENT_NAME,
                AccsWebhookComponent.class, AccsWebhookConfiguration.class, (component, conf) -> component.setConfiguration(conf.copy()));
    }
}
