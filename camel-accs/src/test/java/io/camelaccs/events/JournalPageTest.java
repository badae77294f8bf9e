package io.camelaccs.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a journal answer: the Link relations as RFC 8288 defines them, and entries that are not events. */
class JournalPageTest {

    static final String BASE = "https://events-va6.adobe.io/events/organizations/O/integrations/C/R";

    @Test
    void relIsOneOfTheSpaceSeparatedValuesComparedWhole() {
        assertTrue(JournalPage.hasRel("; rel=\"next\"", "next"));
        assertTrue(JournalPage.hasRel(";rel=next", "next"));
        assertTrue(JournalPage.hasRel("; REL=\"Next\"", "next"));
        assertTrue(JournalPage.hasRel("; title=\"a; b\"; rel=\"prev next\"", "next"));
        assertFalse(JournalPage.hasRel("; rel=\"next-archive\"", "next"));
        assertFalse(JournalPage.hasRel("; rel=\"nextpage\"", "next"));
        assertFalse(JournalPage.hasRel("; rel=\"archive next-archive\"", "next"));
        assertFalse(JournalPage.hasRel("; title=\"rel=next\"", "next"));
        assertFalse(JournalPage.hasRel("; rel=\"latest\"; rel=\"next\"", "next"), "only the first rel counts");
    }

    @Test
    void nextLinkSkipsOtherRelationsAndIgnoresCommasInQuotedParameters() {
        String header = "<" + "/events?since=a>; rel=\"next-archive\", </events?since=b>; title=\"x, y\"; rel=\"next\"";
        assertEquals("https://events-va6.adobe.io/events?since=b", JournalPage.nextLink(header, BASE));
        assertNull(JournalPage.nextLink("</events?since=a>; rel=\"next-archive\"", BASE));
    }

    @Test
    void entriesThatAreNotEventsAreReadAsProblemsWithoutTheirContent() {
        byte[] page = ("{\"events\":[{\"position\":\"p1\",\"event\":{\"event_id\":\"e1\",\"type\":\"t\"}},"
                       + "{\"position\":\"p2\",\"event\":\"secret@example.com\"},42,{\"event\":{}},"
                       + "{\"position\":\"p5\"}]}").getBytes(StandardCharsets.UTF_8);
        List<JournalPage.Entry> entries = JournalPage.events(page);

        assertEquals("e1", entries.get(0).event().id());
        assertEquals(List.of("its event is a string, not a JSON object", "it is a number, not a JSON object",
                "it has no position", "it has no event"),
                entries.subList(1, 5).stream().map(JournalPage.Entry::problem).toList());
        assertEquals("p2", entries.get(1).position());
        assertEquals("p5", entries.get(4).position());
        assertTrue(entries.stream().noneMatch(e -> String.valueOf(e.problem()).contains("secret")));
    }

    @Test
    void answersThatAreNotPagesFailNamingWhereNotWhat() {
        for (String body : List.of("[\"secret@example.com\"]", "{\"events\":\"secret@example.com\"}",
                "{\"events\":[{\"secret@example.com\"")) {
            AccsEventsException e = assertThrows(AccsEventsException.class,
                    () -> JournalPage.events(body.getBytes(StandardCharsets.UTF_8)));
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }
}
