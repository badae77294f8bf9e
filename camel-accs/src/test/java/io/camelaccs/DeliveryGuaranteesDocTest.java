package io.camelaccs;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/delivery-guarantees.md backs each statement with a named test ({@code component/FetchAllRedeliveryTest#method},
 * or {@code #method} for another test of the class named last): a renamed or removed test would leave a promise
 * without proof, so every name must be a test of this module.
 */
class DeliveryGuaranteesDocTest {

    private static final Path PAGE = Path.of("..", "docs", "delivery-guarantees.md");
    /** `package/Class`, `package/Class#method` or `#method`, each in backquotes. */
    private static final Pattern REFERENCE = Pattern.compile("`(?:([a-z]+)/([A-Z][A-Za-z0-9]*))?(?:#([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyTestThePageNamesExistsAndIsATest() throws Exception {
        String page = Files.readString(PAGE);
        Matcher m = REFERENCE.matcher(page);
        Class<?> current = null;
        int named = 0;
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            if (m.group(2) == null && m.group(3) == null) {
                continue;
            }
            if (m.group(2) != null) {
                String name = "io.camelaccs." + m.group(1) + "." + m.group(2);
                try {
                    current = Class.forName(name);
                } catch (ClassNotFoundException e) {
                    missing.add(m.group());
                    current = null;
                    continue;
                }
                named++;
            }
            if (m.group(3) != null) {
                if (current == null || !isTest(current, m.group(3))) {
                    missing.add(m.group() + (current == null ? " (no class named before it)" : " in " + current.getSimpleName()));
                }
                named++;
            }
        }
        assertTrue(missing.isEmpty(), "docs/delivery-guarantees.md names tests that do not exist: " + missing);
        assertTrue(named >= 40, "the page names " + named + " tests: has its reference format changed?");
    }

    private static boolean isTest(Class<?> type, String method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method candidate : c.getDeclaredMethods()) {
                if (candidate.getName().equals(method) && (candidate.isAnnotationPresent(Test.class)
                        || candidate.isAnnotationPresent(ParameterizedTest.class))) {
                    return true;
                }
            }
        }
        return false;
    }
}
