package io.camelaccs.component.springboot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.camelaccs.component.AccsEndpointConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fails start-up when {@code camel.component.accs.*} sets an option that exists on endpoints only (filter, syncId,
 * fetchAll, ...). Spring Boot ignores properties its properties class does not know, so without this check such a
 * setting, which earlier versions applied to every endpoint, would now silently do nothing.
 */
final class EndpointOptionsOnComponentCheck implements InitializingBean {

    private final Environment environment;

    EndpointOptionsOnComponentCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        Binder binder = Binder.get(environment);
        List<String> found = new ArrayList<>();
        for (String option : AccsEndpointConfiguration.endpointOnlyOptions()) {
            // relaxed: fetch-all, fetchAll and CAMEL_COMPONENT_ACCS_FETCHALL are all found
            String property = AccsComponentAutoConfiguration.PREFIX + "." + kebab(option);
            if (binder.bind(property, Bindable.of(String.class)).isBound()) {
                found.add(property);
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException(String.join(", ", found) + (found.size() == 1 ? " is" : " are")
                                            + " not a component option: it is an endpoint option now, set on each"
                                            + " endpoint URI (accs:get:/V1/orders?syncId=orders&filter=...), since on"
                                            + " the component it applied to every endpoint at once");
        }
    }

    static String kebab(String option) {
        return option.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
