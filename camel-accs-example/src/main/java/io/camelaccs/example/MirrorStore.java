package io.camelaccs.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The local copy of the catalog that job 4 keeps: one JSON file per SKU in a folder. A file's name is the SKU's
 * UTF-8 bytes in lower-case hex, so any SKU (spaces, slashes, {@code +}, umlauts, {@code ..}) is one safe name on
 * every file system, case-insensitive ones included.
 * <p>
 * Adobe I/O Events delivers at least once and in no promised order, so each file keeps the {@link ProductVersion}
 * of what it holds, and a write is applied only when it is newer than that: a late or repeated save never
 * overwrites a newer one. A delete leaves a tombstone, the file with its version and no product, so that a save
 * older than the delete never brings the product back, while a product created again later is newer and is
 * stored. The version is written in the same file as the product, in one atomic move, so a crash cannot leave
 * one without the other. Tombstones could be dropped once no older event can come any more (the journal keeps 7
 * days); the example keeps them.
 */
final class MirrorStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** What the mirror holds for one SKU: the version, and whether it is a tombstone. */
    private record Held(ProductVersion version, boolean deleted) {
    }

    private final Path folder;
    /** Every SKU with a file, the tombstones too; guarded by this, as each write compares and then replaces. */
    private final Map<String, Held> held = new HashMap<>();
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();

    /** A mirror in this folder, with the products and tombstones already there (after a restart). */
    MirrorStore(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.delete(file); // a write a crash interrupted: the file it was to replace is still whole
                } else if (name.endsWith(".json")) {
                    JsonNode stored = JSON.readTree(file.toFile());
                    held.put(stored.path("sku").asText(), new Held(ProductVersion.fromJson(stored.path("version")),
                            stored.path("deleted").asBoolean()));
                }
            }
        }
    }

    /** An empty mirror in this folder: the files of an earlier one are deleted, nothing else in it is touched. */
    static MirrorStore fresh(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> old = Files.list(folder)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".json") || name.endsWith(".tmp")) {
                        Files.delete(file);
                    }
                }
            }
        }
        return new MirrorStore(folder);
    }

    /**
     * Stores a product read by the export (a Map or a JsonNode with a {@code sku}), unless the mirror holds a
     * newer state of it already.
     *
     * @return whether it was stored
     */
    boolean save(Object product) {
        JsonNode node = JSON.valueToTree(product);
        return put(sku(node), ProductVersion.exported(node), node);
    }

    /**
     * Applies a Commerce product save event (the product in its {@code data.value}) if it is newer than what the
     * mirror holds for the SKU, tombstone included.
     *
     * @return whether it was applied; false for a save older than the mirror's state
     */
    boolean applySave(Map<String, Object> event) {
        saves.incrementAndGet();
        JsonNode product = value(event);
        return put(sku(product), ProductVersion.of(event, product), product);
    }

    /**
     * Applies a Commerce product delete event if it is newer than what the mirror holds: the product goes, and a
     * tombstone with the delete's version stays.
     *
     * @return whether it was applied; false for a delete older than the mirror's state (the product was created
     *         again since)
     */
    boolean applyDelete(Map<String, Object> event) {
        deletes.incrementAndGet();
        JsonNode product = value(event);
        return put(sku(product), ProductVersion.of(event, product), null);
    }

    /** The product stored for this SKU, or null (never stored, or deleted). */
    JsonNode get(String sku) {
        synchronized (this) {
            Held h = held.get(sku);
            if (h == null || h.deleted()) {
                return null;
            }
        }
        return read(file(sku)).get("product");
    }

    /** Every SKU the mirror holds a product for. */
    synchronized List<String> skus() {
        return held.entrySet().stream().filter(e -> !e.getValue().deleted()).map(Map.Entry::getKey).toList();
    }

    /** How many deleted SKUs the mirror remembers. */
    synchronized long tombstones() {
        return held.values().stream().filter(Held::deleted).count();
    }

    /** Save events received. */
    long savesReceived() {
        return saves.get();
    }

    /** Delete events received. */
    long deletesReceived() {
        return deletes.get();
    }

    /** Events (and exported copies) not applied, as the mirror held a newer state. */
    long staleIgnored() {
        return stale.get();
    }

    Path folder() {
        return folder;
    }

    /** Writes the product (or, when null, a tombstone) if its version is newer than what is held. */
    private synchronized boolean put(String sku, ProductVersion version, JsonNode product) {
        Held before = held.get(sku);
        if (before != null && !version.isNewerThan(before.version())) {
            stale.incrementAndGet();
            return false;
        }
        ObjectNode stored = JSON.createObjectNode().put("sku", sku);
        stored.set("version", version.toJson());
        if (product == null) {
            stored.put("deleted", true);
        } else {
            stored.set("product", product);
        }
        try {
            Path file = file(sku);
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(stored));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        held.put(sku, new Held(version, product == null));
        return true;
    }

    private Path file(String sku) {
        return folder.resolve(HEX.formatHex(sku.getBytes(StandardCharsets.UTF_8)) + ".json");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sku(JsonNode product) {
        String sku = product.path("sku").asText("");
        if (sku.isEmpty()) {
            throw new IllegalArgumentException("A product without a sku cannot be mirrored; it has the fields "
                                               + fieldNames(product));
        }
        return sku;
    }

    private static JsonNode value(Map<String, Object> event) {
        Object data = event.get("data");
        Object value = data instanceof Map<?, ?> d ? d.get("value") : null;
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A Commerce event carries its entity in data.value; event "
                                               + event.get("id") + " has none");
        }
        return JSON.valueToTree(value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
