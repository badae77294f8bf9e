package io.camelaccs.metrics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelaccs.test.AccsSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/observability.md, "Micrometer metrics": its table lists exactly the meters the component registers, and its
 * Camel Main setting puts them in a registry.
 */
class MetersDocTest {

    private static final Path PAGE = Path.of("..", "docs", "observability.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(accs\\.[a-z.]+)` \\|", Pattern.MULTILINE);

    @Test
    void theTableListsEveryMeterAndNoOther() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(Files.readString(PAGE));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> names = new TreeSet<>();
        for (Field f : MeterNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        assertEquals(names, documented);
    }

    @Test
    void theCamelMainSettingOfThePageGivesTheMeters() throws Exception {
        String page = Files.readString(PAGE);
        String setting = "camel.beans.metricsRegistry = #class:io.micrometer.core.instrument.simple.SimpleMeterRegistry";
        assertTrue(page.contains("`" + setting + "`"), "the page shows " + setting);
        try (AccsSimulator sim = AccsSimulator.builder().products(5).build().start()) {
            Main main = new Main();
            Properties props = new Properties();
            props.setProperty("camel.beans.metricsRegistry", setting.substring(setting.indexOf("= ") + 2));
            sim.componentProperties().forEach((k, v) -> props.setProperty("camel.component.accs." + k, v));
            main.setOverrideProperties(props);
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:get").to("accs:get:/V1/products/{sku}");
                }
            });
            main.start();
            try {
                main.getCamelTemplate().requestBodyAndHeader("direct:get", null, "sku", sim.products().skus().get(0));
                MeterRegistry registry = main.getCamelContext().getRegistry().lookupByNameAndType("metricsRegistry",
                        MeterRegistry.class);
                assertNotNull(registry.find(MeterNames.REQUESTS).tag("resource", "/V1/products/{sku}")
                        .tag("status", "200").timer());
            } finally {
                main.stop();
            }
        }
    }
}
