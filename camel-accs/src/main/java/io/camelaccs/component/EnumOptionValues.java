package io.camelaccs.component;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.util.StringHelper;

/**
 * Checks the values of an endpoint's enum options before Camel binds them, so that a misspelt value
 * ({@code authenticationType=INTEGRATON}) fails naming the option and the values it takes, where Camel's converter
 * would only say that the enum class has no such constant.
 */
public final class EnumOptionValues {

    private EnumOptionValues() {
    }

    /**
     * @param  configurer               the endpoint's generated configurer, which knows each option's type
     * @param  parameters               the endpoint URI's options, before they are bound
     * @param  scheme                   named in the message ({@code accs}, {@code accs-events}, ...)
     * @throws IllegalArgumentException for a value Camel's enum conversion would refuse
     */
    public static void check(PropertyConfigurerGetter configurer, Map<String, Object> parameters, String scheme) {
        for (Map.Entry<String, Object> option : parameters.entrySet()) {
            Class<?> type = configurer.getOptionType(option.getKey(), true);
            if (type == null || !type.isEnum() || !(option.getValue() instanceof String value) || value.startsWith("#")) {
                continue;
            }
            if (!accepts(type, value.trim())) {
                throw new IllegalArgumentException("Option " + option.getKey() + " of " + scheme + " endpoints has no"
                                                   + " value '" + value + "': use one of " + names(type)
                                                   + " (case does not matter)");
            }
        }
    }

    /** As Camel's enum converter: the constant's name ignoring case, or in its dashed or camel-case form. */
    private static boolean accepts(Class<?> type, String value) {
        String asConstant = StringHelper.asEnumConstantValue(value);
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .anyMatch(name -> name.equalsIgnoreCase(value) || name.equals(asConstant));
    }

    private static String names(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }
}
