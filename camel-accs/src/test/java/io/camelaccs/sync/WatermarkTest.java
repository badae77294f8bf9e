package io.camelaccs.sync;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkTest {

    static List<String> hostileIds() {
        return List.of("MB|01", "|", "||", "a|b|c", "\\", "MB\\|01", "ends\\", "\\|", "O'Neil \"x\"", "Tee ÄÖü ✓ 日本",
                "sku with spaces", "100%+&=?", "12345");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void idsRoundTripThroughTheStoredText(String id) {
        Watermark w = new Watermark("2026-01-01 10:00:00", id);
        Watermark back = Watermark.parse(w.format());
        assertEquals(w, back, w.format());
        assertEquals(0, w.compareTo(back));
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void valuesRoundTripToo(String value) {
        assertEquals(new Watermark(value, "MB|01"), Watermark.parse(new Watermark(value, "MB|01").format()));
        assertEquals(new Watermark(value, null), Watermark.parse(new Watermark(value, null).format()));
    }

    @Test
    void textWrittenBeforeEscapingReadsAsItAlwaysDid() {
        assertEquals(new Watermark("2026-01-01 10:00:00", "1234"), Watermark.parse("2026-01-01 10:00:00|1234"));
        assertEquals(new Watermark("2026-01-01 10:00:00", null), Watermark.parse("2026-01-01 10:00:00"));
        assertNull(Watermark.parse("2026-01-01 10:00:00|").id());
        assertEquals("2026-01-01 10:00:00|1234", new Watermark("2026-01-01 10:00:00", "1234").format(),
                "plain positions are stored as before");
    }

    @Test
    void aSeparatorInTheIdDoesNotShiftThePosition() {
        Watermark w = new Watermark("2026-01-01 10:00:00", "MB|01");
        assertEquals("2026-01-01 10:00:00|MB\\|01", w.format());
        Watermark back = Watermark.parse(w.format());
        assertEquals("2026-01-01 10:00:00", back.value());
        assertEquals("MB|01", back.id());
        assertTrue(back.compareTo(new Watermark("2026-01-01 10:00:00", "MB|00")) > 0);
    }
}
