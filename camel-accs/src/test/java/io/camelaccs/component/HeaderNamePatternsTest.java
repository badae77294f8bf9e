package io.camelaccs.component;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the names in options requestHeaders and responseHeaders match header names. */
class HeaderNamePatternsTest {

    @Test
    void namesMatchIgnoringCaseAndWholly() {
        HeaderNamePatterns p = HeaderNamePatterns.parse("requestHeaders", " X-Correlation-Id , x-tenant");

        assertTrue(p.matches("x-correlation-id"));
        assertTrue(p.matches("X-TENANT"));
        assertFalse(p.matches("X-Correlation-Id-2"), "a name is not a prefix");
        assertFalse(p.matches("My-X-Tenant"));
    }

    @Test
    void anAsteriskMatchesAnyCharactersWhereverItStands() {
        HeaderNamePatterns p = HeaderNamePatterns.parse("requestHeaders", "X-Custom-*,*-Trace,X-*-Id");

        assertTrue(p.matches("x-custom-tenant"));
        assertTrue(p.matches("X-Custom-"));
        assertTrue(p.matches("B3-Trace"));
        assertTrue(p.matches("X-Request-Id"));
        assertFalse(p.matches("X-Customer"));
        assertFalse(p.matches("X-Request-Ids"));
        assertTrue(HeaderNamePatterns.parse("responseHeaders", "*").matches("anything.at_all"));
    }

    @Test
    void regexCharactersInANameAreLiteral() {
        HeaderNamePatterns p = HeaderNamePatterns.parse("requestHeaders", "kafka.TOPIC,a+b");

        assertTrue(p.matches("kafka.topic"));
        assertFalse(p.matches("kafkaXTOPIC"));
        assertTrue(p.matches("a+b"));
        assertFalse(p.matches("aab"));
    }

    @Test
    void emptyMatchesNothing() {
        assertTrue(HeaderNamePatterns.parse("requestHeaders", null).isEmpty());
        assertTrue(HeaderNamePatterns.parse("requestHeaders", " , ").isEmpty());
        assertFalse(HeaderNamePatterns.parse("requestHeaders", "").matches(""));
    }

    @Test
    void aNameHeaderNamesCannotHoldIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeaderNamePatterns.parse("requestHeaders", "X-Ok,X:Bad"));

        assertEquals("Option requestHeaders: 'X:Bad' is not an HTTP header name (character ':' at 1): give a"
                     + " comma-separated list of header names, where * matches any characters, such as"
                     + " X-Correlation-Id,X-Custom-*", e.getMessage());
    }
}
