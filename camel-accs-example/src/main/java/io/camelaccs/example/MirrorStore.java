package io.camelaccs.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local copy of the catalog that job 4 keeps: one JSON file per product in a folder. A file's name is the SKU's
 * UTF-8 bytes in lower-case hex, so any SKU (spaces, slashes, {@code +}, umlauts, {@code ..}) is one safe name on
 * every file system, case-insensitive ones included. Writing a product again replaces its file, and deleting a
 * missing one does nothing, so the export and the events can both be applied more than once.
 */
final class MirrorStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final Path folder;
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    MirrorStore(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        try (Stream<Path> old = Files.list(folder)) {
            for (Path file : (Iterable<Path>) old::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".tmp")) {
                    Files.delete(file); // a fresh mirror each run; nothing else in the folder is touched
                }
            }
        }
    }

    /** Stores a product (a Map or a JsonNode with a {@code sku}) as it is now. */
    void save(Object product) {
        JsonNode node = JSON.valueToTree(product);
        String sku = node.path("sku").asText("");
        if (sku.isEmpty()) {
            throw new IllegalArgumentException("A product without a sku cannot be mirrored: " + node);
        }
        try {
            Path file = file(sku);
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(node));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a Commerce product save event: the product in its {@code data.value}. */
    void applySave(Map<String, Object> event) {
        save(value(event));
        saves.incrementAndGet();
    }

    /** Applies a Commerce product delete event. */
    void applyDelete(Map<String, Object> event) {
        Object sku = value(event).get("sku");
        try {
            Files.deleteIfExists(file(String.valueOf(sku)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deletes.incrementAndGet();
    }

    /** The product stored for this SKU, or null. */
    JsonNode get(String sku) {
        Path file = file(sku);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every SKU stored. */
    List<String> skus() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> new String(HEX.parseHex(n.substring(0, n.length() - 5)), StandardCharsets.UTF_8))
                    .toList();
        }
    }

    long savesApplied() {
        return saves.get();
    }

    long deletesApplied() {
        return deletes.get();
    }

    Path folder() {
        return folder;
    }

    private Path file(String sku) {
        return folder.resolve(HEX.formatHex(sku.getBytes(StandardCharsets.UTF_8)) + ".json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Map<String, Object> event) {
        Object data = event.get("data");
        Object value = data instanceof Map<?, ?> d ? d.get("value") : null;
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A Commerce event carries its entity in data.value; this one has "
                                               + data);
        }
        return (Map<String, Object>) value;
    }
}
