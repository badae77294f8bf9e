package io.camelaccs.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mirror applies Commerce events in whatever order I/O Events delivers them, and ends with the newest state. */
class MirrorStoreTest {

    private static final String SKU = "24-MB01/ü 100%";

    @TempDir
    Path dir;

    @Test
    void staleSaveAfterTheDeleteDoesNotResurrectTheProduct() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        Map<String, Object> save = event("2026-03-01T08:00:00.100Z", product("2026-03-01 08:00:00", 10));
        Map<String, Object> delete = event("2026-03-01T08:00:05.000Z", product("2026-03-01 08:00:00", 10));

        assertTrue(store.applySave(save));
        assertTrue(store.applyDelete(delete));
        // the save delivered once more after the delete (a late retry), or a save that lost the race to the delete
        assertFalse(store.applySave(save));
        assertFalse(store.applySave(event("2026-03-01T08:00:04.900Z", product("2026-03-01 08:00:00", 11))));

        assertNull(store.get(SKU));
        assertEquals(List.of(), store.skus());
        assertEquals(1, store.tombstones());
        assertEquals(2, store.staleIgnored());
    }

    @Test
    void olderSaveArrivingAfterANewerOneIsIgnored() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        Map<String, Object> newer = event("2026-03-01T08:00:03.000Z", product("2026-03-01 08:00:03", 30));
        Map<String, Object> older = event("2026-03-01T08:00:01.000Z", product("2026-03-01 08:00:01", 20));

        store.applySave(newer);
        store.applySave(older);

        assertEquals(30, store.get(SKU).get("price").asInt());
    }

    @Test
    void changesWithinOneSecondAreOrderedByTheEventTime() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        store.applySave(event("2026-03-01T08:00:00.700Z", product("2026-03-01 08:00:00", 2)));
        store.applySave(event("2026-03-01T08:00:00.300Z", product("2026-03-01 08:00:00", 1)));

        assertEquals(2, store.get(SKU).get("price").asInt());
    }

    @Test
    void productCreatedAgainAfterItsDeleteIsStored() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        store.applySave(event("2026-03-01T08:00:00.000Z", product("2026-03-01 08:00:00", 1)));
        store.applyDelete(event("2026-03-01T08:00:02.000Z", product("2026-03-01 08:00:00", 1)));
        // the same second as the delete: the event time decides
        Map<String, Object> created = event("2026-03-01T08:00:02.500Z", product("2026-03-01 08:00:02", 5));

        assertTrue(store.applySave(created));
        assertEquals(5, store.get(SKU).get("price").asInt());
        assertEquals(0, store.tombstones());
    }

    @Test
    void exportedCopyGivesWayToAnEventOfTheSameSecondButNotToAnOlderOne() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        store.save(product("2026-03-01 08:00:02", 7));

        assertFalse(store.applySave(event("2026-03-01T08:00:01.900Z", product("2026-03-01 08:00:01", 6))));
        assertEquals(7, store.get(SKU).get("price").asInt());
        assertTrue(store.applySave(event("2026-03-01T08:00:02.100Z", product("2026-03-01 08:00:02", 8))));
        assertEquals(8, store.get(SKU).get("price").asInt());
        // and an export that read the product before that event does not undo it
        assertFalse(store.save(product("2026-03-01 08:00:02", 7)));
    }

    @Test
    void tombstonesAndVersionsOutliveARestart() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        Map<String, Object> save = event("2026-03-01T08:00:00.000Z", product("2026-03-01 08:00:00", 1));
        store.applySave(save);
        store.applyDelete(event("2026-03-01T08:00:01.000Z", product("2026-03-01 08:00:00", 1)));
        store.applySave(event("2026-03-01T08:00:01.000Z", Map.of("sku", "other", "updated_at",
                "2026-03-01 08:00:01", "price", 3)));

        MirrorStore restarted = new MirrorStore(dir);
        assertFalse(restarted.applySave(save));
        assertNull(restarted.get(SKU));
        assertEquals(List.of("other"), restarted.skus());
        assertEquals(3, restarted.get("other").get("price").asInt());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "one file per SKU, the tombstone included");
        }
        assertEquals(0, MirrorStore.fresh(dir).skus().size());
    }

    @Test
    void malformedEventsSayWhatIsExpected() throws Exception {
        MirrorStore store = MirrorStore.fresh(dir);
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> store.applySave(Map.of("id", "e-1", "data", Map.of())));
        assertTrue(noValue.getMessage().contains("data.value"), noValue.getMessage());
        IllegalArgumentException badTime = assertThrows(IllegalArgumentException.class,
                () -> store.applySave(event("yesterday", product("2026-03-01 08:00:00", 1))));
        assertTrue(badTime.getMessage().contains("RFC 3339"), badTime.getMessage());
        IllegalArgumentException badUpdatedAt = assertThrows(IllegalArgumentException.class,
                () -> store.applySave(event("2026-03-01T08:00:00Z", product("01.03.2026", 1))));
        assertTrue(badUpdatedAt.getMessage().contains("yyyy-MM-dd HH:mm:ss"), badUpdatedAt.getMessage());
    }

    private static Map<String, Object> product(String updatedAt, int price) {
        return Map.of("sku", SKU, "name", "Joust Duffle Bag", "price", price, "updated_at", updatedAt);
    }

    private static Map<String, Object> event(String time, Map<String, Object> value) {
        return Map.of("id", UUID.randomUUID().toString(), "time", time,
                "type", "com.adobe.commerce.observer.catalog_product_save_commit_after",
                "data", Map.of("value", value));
    }
}
