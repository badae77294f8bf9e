package io.camelaccs.component.springboot;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
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
        return new PropertiesCustomizer<>(applicationContext, camelContext, configuration, COMPONENT_NAME,
                AccsComponent.class, AccsConfiguration.class, (component, conf) -> component.setConfiguration(conf.copy()));
    }
}
