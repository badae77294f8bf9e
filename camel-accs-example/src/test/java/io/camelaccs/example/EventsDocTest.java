package io.camelaccs.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/events.md shows the mirror's journal route as the example runs it (ExampleMainTest runs it against the
 * simulator): the page's snippet must stand, line for line, in CatalogMirrorRoutes.
 */
class EventsDocTest {

    @Test
    void theMirrorRouteThePageShowsIsTheOneTheExampleRuns() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "events.md"));
        int at = page.indexOf("```java\n", page.indexOf("The example's mirror job")) + 8;
        String snippet = trimmed(page.substring(at, page.indexOf("```", at)));
        String source = trimmed(Files.readString(
                Path.of("src", "main", "java", "io", "camelaccs", "example", "CatalogMirrorRoutes.java")));
        assertTrue(snippet.lines().count() > 5 && source.contains(snippet),
                "docs/events.md's mirror route is not the one in CatalogMirrorRoutes:\n" + snippet);
    }

    /** Each line without its indentation, so that the page may indent less than the class. */
    private static String trimmed(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
