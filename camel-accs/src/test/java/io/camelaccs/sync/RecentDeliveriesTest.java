package io.camelaccs.sync;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentDeliveriesTest {

    private static final String SECOND = "2026-01-01 10:00:00";

    private static Map<String, Object> order(long id, String updatedAt, String status) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("entity_id", id);
        order.put("updated_at", updatedAt);
        order.put("status", status);
        order.put("items", List.of(Map.of("sku", "MB01", "qty_ordered", 2.0)));
        return order;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fingerprint of an item as Commerce would send it: its JSON bytes, inside a response. */
    private static long print(Map<String, Object> item) {
        try {
            byte[] bytes = ("{\"items\":[" + JSON.writeValueAsString(item) + "]}").getBytes(StandardCharsets.UTF_8);
            return ItemVersion.fingerprint(bytes, 10, bytes.length - 2);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ItemVersion version(long id, String updatedAt, String status) {
        return ItemVersion.of(new Watermark(updatedAt, Long.toString(id)), print(order(id, updatedAt, status)));
    }

    @Test
    void anItemIsRecognisedOnlyInTheVersionDelivered() {
        RecentDeliveries recent = new RecentDeliveries(100);
        recent.remember(version(1, SECOND, "pending"));

        assertTrue(recent.isKnown(version(1, SECOND, "pending")), "the same content, read again");
        assertFalse(recent.isKnown(version(1, SECOND, "processing")), "invoiced in the same second: a change");
        assertFalse(recent.isKnown(version(1, "2026-01-01 10:00:01", "pending")), "saved again a second later");
        assertFalse(recent.isKnown(version(2, SECOND, "pending")), "another order");
    }

    @Test
    void theLastVersionDeliveredReplacesTheOneBefore() {
        RecentDeliveries recent = new RecentDeliveries(100);
        recent.remember(version(1, SECOND, "pending"));
        recent.remember(version(1, SECOND, "processing"));
        recent.remember(version(1, SECOND, "pending"));

        assertEquals(1, recent.size());
        assertTrue(recent.isKnown(version(1, SECOND, "pending")));
        assertFalse(recent.isKnown(version(1, SECOND, "processing")), "changed back: what was delivered last counts");
    }

    @Test
    void valuesThatAreNotCommerceDateTimesHaveNoVersion() {
        assertNull(ItemVersion.of(new Watermark("12345", "1"), print(order(1, "12345", "pending"))));
        assertNull(ItemVersion.of(new Watermark("2026-01-01T10:00:00Z", "1"), print(order(1, "x", "pending"))));
    }

    @Test
    void theFingerprintSeesEveryByteOfTheItemAndOnlyThem() {
        Map<String, Object> a = order(1, SECOND, "pending");
        Map<String, Object> b = order(1, SECOND, "pending");
        assertEquals(print(a), print(b));
        b.put("items", List.of(Map.of("sku", "MB01", "qty_ordered", 3.0)));
        assertNotEquals(print(a), print(b), "a nested number");
        b = order(1, SECOND, "pending");
        b.put("customer_note", null);
        assertNotEquals(print(a), print(b), "a field added, even null");
        assertNotEquals(print(Map.of("a", "bc")), print(Map.of("ab", "c")), "field boundaries");
        assertNotEquals(print(Map.of("a", 1)), print(Map.of("a", "1")), "a number is not its text");
        // the same item at another place of another response: only its own bytes count
        byte[] one = "{\"items\":[{\"a\":1}]}".getBytes(StandardCharsets.UTF_8);
        byte[] two = "{\"total_count\":2,\"items\":[{\"b\":2},{\"a\":1}]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(ItemVersion.fingerprint(one, 10, 17), ItemVersion.fingerprint(two, 34, 41));
        // lengths around the eight-byte steps
        for (int n = 0; n < 20; n++) {
            String text = "x".repeat(n);
            assertNotEquals(print(Map.of("v", text)), print(Map.of("v", text + "y")), "length " + n);
        }
    }

    @Test
    void theMemoryIsBoundedAndForgetsTheOldestStampsFirst() {
        RecentDeliveries recent = new RecentDeliveries(8);
        for (int id = 1; id <= 4; id++) {
            recent.remember(version(id, "2026-01-01 09:59:59", "pending"));
        }
        for (int id = 5; id <= 9; id++) {
            recent.remember(version(id, SECOND, "pending"));
        }

        // the ninth item made room: a quarter of the capacity went, the oldest stamps first
        assertEquals(7, recent.size());
        assertEquals(2, recent.forgottenForCapacity());
        assertFalse(recent.isKnown(version(1, "2026-01-01 09:59:59", "pending")), "older stamp, remembered first");
        assertFalse(recent.isKnown(version(2, "2026-01-01 09:59:59", "pending")));
        assertTrue(recent.isKnown(version(3, "2026-01-01 09:59:59", "pending")));
        assertTrue(recent.isKnown(version(4, "2026-01-01 09:59:59", "pending")));
        for (int id = 5; id <= 9; id++) {
            assertTrue(recent.isKnown(version(id, SECOND, "pending")), "newer stamps kept: " + id);
        }
    }

    @Test
    void aBurstOfOneSecondBeyondTheCapacityForgetsItsLowestIdsFirst() {
        RecentDeliveries recent = new RecentDeliveries(1000);
        for (int id = 1; id <= 1200; id++) {
            recent.remember(version(id, SECOND, "pending"));
        }
        // at the 1001st, a quarter went: the first 250 delivered
        assertEquals(950, recent.size());
        assertEquals(250, recent.forgottenForCapacity());
        for (int id = 1; id <= 1200; id++) {
            assertEquals(id > 250, recent.isKnown(version(id, SECOND, "pending")), "item " + id);
        }

        // a pass re-reads the second in id order, delivering again what it does not recognise: making room, it
        // forgets the items it has passed first, so it delivers again the 250 forgotten and at most a quarter more
        int again = 0;
        for (int id = 1; id <= 1200; id++) {
            ItemVersion v = version(id, SECOND, "pending");
            if (!recent.isKnown(v)) {
                again++;
                recent.remember(v);
            }
        }
        assertTrue(again >= 250 && again <= 500, "delivered again by the pass: " + again);
    }

    @Test
    void forgetBeforeDropsWhatNoPassCanReadAgain() {
        RecentDeliveries recent = new RecentDeliveries(100);
        recent.remember(version(1, "2026-01-01 09:59:00", "pending"));
        recent.remember(version(2, SECOND, "pending"));
        recent.forgetBefore(CommerceTime.epochSecond(SECOND));

        assertEquals(1, recent.size());
        assertTrue(recent.isKnown(version(2, SECOND, "pending")));
        assertEquals(0, recent.forgottenForCapacity(), "forgetting what is settled is not forgetting for capacity");
    }

    @Test
    void commerceTimesReadAndWriteAsEpochSeconds() {
        long t = CommerceTime.epochSecond("2026-01-01 10:00:00");
        assertEquals("2026-01-01 09:59:00", CommerceTime.format(t - 60));
        assertEquals(CommerceTime.NONE, CommerceTime.epochSecond("2026-13-01 10:00:00"));
        assertEquals(CommerceTime.NONE, CommerceTime.epochSecond("2026-01-01 10:00"));
    }
}
