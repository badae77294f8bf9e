package io.camelaccs.component.springboot;

import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
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
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Configures the {@code accs} component from {@code camel.component.accs.*}, the way camel-spring-boot's component
 * starters do: a {@link ComponentCustomizer} that Camel applies when it creates the component binds every option that
 * is set onto it through the component's generated configurer.
 * <p>
 * Switches: {@code camel.component.accs.enabled=false} (or {@code camel.component.enabled=false}) turns the whole
 * auto-configuration off; {@code camel.component.accs.customizer.enabled=false} (or
 * {@code camel.component.customizer.enabled=false}) keeps it but stops the properties being applied.
 * <p>
 * The customizer runs first ({@link Ordered#HIGHEST}); {@link ComponentCustomizer} beans of the application run after
 * it, in their own order, and so see and may override what the properties set. It applies to the component named
 * {@code accs} only: further instances ({@code accsEu}, {@code accsUs}) are declared as beans and configured there or
 * by customizers of their own.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.accs" })
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, AccsComponentConfiguration.class })
public class AccsComponentAutoConfiguration {

    /** The component name the properties apply to. */
    public static final String COMPONENT_NAME = "accs";
    /** The prefix of the component's properties. */
    static final String PREFIX = "camel.component.accs";

    /** Fails start-up on camel.component.accs.filter and the other endpoint options, which Spring would ignore. */
    @Bean
    static EndpointOptionsOnComponentCheck accsEndpointOptionsOnComponentCheck(Environment environment) {
        return new EndpointOptionsOnComponentCheck(environment);
    }

    /** Binds #bean:name references of the object-typed options. */
    @Bean
    @ConfigurationPropertiesBinding
    static AccsComponentConverter accsComponentConverter(ApplicationContext applicationContext) {
        return new AccsComponentConverter(applicationContext);
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureAccsComponent(ApplicationContext applicationContext, CamelContext camelContext,
            AccsComponentConfiguration configuration) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelContext context = target.getCamelContext() != null ? target.getCamelContext() : camelContext;
                Map<String, Object> properties = CamelPropertiesHelper.getNonNullProperties(context, configuration);
                // the switches of ComponentConfigurationPropertiesCommon are not component options
                properties.remove("enabled");
                properties.remove("customizer");
                // a configuration bean first, so that the single options set beside it refine it; a copy, so that
                // they never change the bean itself
                Object base = properties.remove("configuration");
                if (base instanceof AccsConfiguration conf) {
                    ((AccsComponent) target).setConfiguration(conf.copy());
                }
                CamelPropertiesHelper.setCamelProperties(context, target, properties, true);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.accs.customizer")
                       && COMPONENT_NAME.equals(name) && target instanceof AccsComponent;
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST;
            }
        };
    }
}
