package io.camelaccs.component.springboot;

import java.util.Map;

import io.camelaccs.webhook.AccsWebhookComponent;
import io.camelaccs.webhook.AccsWebhookConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
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
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelContext context = target.getCamelContext() != null ? target.getCamelContext() : camelContext;
                Map<String, Object> properties = CamelPropertiesHelper.getNonNullProperties(context, configuration);
                properties.remove("enabled");
                properties.remove("customizer");
                Object base = properties.remove("configuration");
                if (base instanceof AccsWebhookConfiguration conf) {
                    ((AccsWebhookComponent) target).setConfiguration(conf.copy());
                }
                CamelPropertiesHelper.setCamelProperties(context, target, properties, true);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.accs-webhook.customizer")
                       && COMPONENT_NAME.equals(name) && target instanceof AccsWebhookComponent;
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST;
            }
        };
    }
}
