package io.camelaccs.component;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.spi.UriParam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the endpoint's own options: suggested when a misspelt option would otherwise pass through to Commerce
 * as a query parameter, and named when an option is written in another case.
 */
final class OptionNames {

    private static final Logger LOG = LoggerFactory.getLogger(OptionNames.class);

    static final Set<String> ALL = collect();

    private OptionNames() {
    }

    /**
     * Camel binds options ignoring case, so {@code pagesize=5} works as {@code pageSize}; say which spelling the
     * documentation uses, since other tools (Spring Boot metadata, IDE completion) only know that one.
     */
    static void warnAboutSpelling(Set<String> given) {
        for (String name : given) {
            if (!ALL.contains(name)) {
                ALL.stream().filter(o -> o.equalsIgnoreCase(name)).findFirst().ifPresent(o -> LOG.warn(
                        "Option '{}' of an accs endpoint is bound to '{}': did you mean '{}'? Write it that way",
                        name, o, o));
            }
        }
    }

    private static Set<String> collect() {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = AccsEndpoint.class; c != null && c != Object.class; c = c.getSuperclass()) {
            addUriParams(c, names);
        }
        addUriParams(AccsConfiguration.class, names);
        addUriParams(AccsEndpointConfiguration.class, names);
        return Set.copyOf(names);
    }

    private static void addUriParams(Class<?> type, Set<String> names) {
        for (Field f : type.getDeclaredFields()) {
            if (f.isAnnotationPresent(UriParam.class)) {
                names.add(f.getName());
            }
        }
    }
}
