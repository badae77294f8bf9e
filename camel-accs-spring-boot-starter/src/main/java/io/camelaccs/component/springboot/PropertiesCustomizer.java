package io.camelaccs.component.springboot;

import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.context.ApplicationContext;

/**
 * Applies {@code camel.component.<name>.*} properties to the component of that name, for each of the jar's three
 * components: a {@code configuration} bean first (a copy, so that the single options set beside it refine it without
 * changing the bean), then the single options. Switch {@code camel.component.<name>.customizer.enabled=false}.
 *
 * @param <C> the component type
 * @param <K> its configuration type
 */
final class PropertiesCustomizer<C extends Component, K> implements ComponentCustomizer {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final Object properties;
    private final String componentName;
    private final Class<C> componentType;
    private final Class<K> configurationType;
    private final BiConsumer<C, K> setCopyOfConfiguration;

    PropertiesCustomizer(ApplicationContext applicationContext, CamelContext camelContext, Object properties,
                         String componentName, Class<C> componentType, Class<K> configurationType,
                         BiConsumer<C, K> setCopyOfConfiguration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.properties = properties;
        this.componentName = componentName;
        this.componentType = componentType;
        this.configurationType = configurationType;
        this.setCopyOfConfiguration = setCopyOfConfiguration;
    }

    @Override
    public void configure(String name, Component target) {
        CamelContext context = target.getCamelContext() != null ? target.getCamelContext() : camelContext;
        Map<String, Object> values = CamelPropertiesHelper.getNonNullProperties(context, properties);
        // the switches of ComponentConfigurationPropertiesCommon are not component options
        values.remove("enabled");
        values.remove("customizer");
        Object base = values.remove("configuration");
        if (configurationType.isInstance(base)) {
            setCopyOfConfiguration.accept(componentType.cast(target), configurationType.cast(base));
        }
        CamelPropertiesHelper.setCamelProperties(context, target, values, true);
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                "camel.component." + componentName + ".customizer")
               && componentName.equals(name) && componentType.isInstance(target);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST;
    }
}
