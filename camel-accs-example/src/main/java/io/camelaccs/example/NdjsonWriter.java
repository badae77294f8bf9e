package io.camelaccs.example;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends one JSON document a line to a file, holding one open writer for the whole export (a file endpoint per
 * item would reopen the file 10 000 times).
 */
final class NdjsonWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final AtomicLong lines = new AtomicLong();
    private final LongConsumer progress;

    /** @param progress told the line count every 2 000 lines */
    NdjsonWriter(Path file, LongConsumer progress) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.progress = progress;
    }

    synchronized void write(Object item) {
        try {
            out.write(JSON.writeValueAsString(item));
            out.write('\n');
            long n = lines.incrementAndGet();
            if (n % 2_000 == 0) {
                progress.accept(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long lines() {
        return lines.get();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
