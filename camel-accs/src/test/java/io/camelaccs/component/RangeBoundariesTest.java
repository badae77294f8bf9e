package io.camelaccs.component;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where parallelism=N splits a search: at ids read from real items, in the order Commerce sorted them. */
class RangeBoundariesTest {

    private static ParallelPages.Range range(String from, String before) {
        return new ParallelPages.Range(from, before);
    }

    @Test
    void numericIdsSplitAtTheQuantilesOpenAtBothEnds() {
        assertEquals(List.of(range(null, "251"), range("251", "501"), range("501", "751"), range("751", null)),
                RangeBoundaries.ranges("1", List.of("251", "501", "751")));
    }

    @Test
    void textIdsKeepCommercesTextOrderWhereNumbersWouldDisagree() {
        // increment_id is a text column: "99" sorts after "200", and "000000123" before "100"
        assertEquals(List.of(range(null, "100"), range("100", "200"), range("200", "99"), range("99", null)),
                RangeBoundaries.ranges("000000123", List.of("100", "200", "99")));
    }

    @Test
    void equalLowerAndMissingBoundariesAreDroppedSoThatRangesNeverOverlap() {
        assertEquals(List.of(range(null, "7"), range("7", null)),
                RangeBoundaries.ranges("5", Arrays.asList("5", "7", null, "7", "6")));
        assertEquals(List.of(range(null, null)), RangeBoundaries.ranges("42", List.of("42", "42", "42")));
        assertEquals(List.of(range(null, null)), RangeBoundaries.ranges("42", List.of()));
    }
}
