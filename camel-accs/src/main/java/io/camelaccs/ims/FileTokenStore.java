package io.camelaccs.ims;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps refresh tokens in a properties file (one line a client id), readable and writable by its owner only. A write
 * goes to a temporary file in the same folder that is then moved over the old one, so a crash mid-write never leaves
 * a half-written token behind.
 * <p>
 * Writes and refresh-token exchanges hold a lock on a sidecar file ({@code <file>.lock}), so that processes sharing
 * the file (pods on a shared volume, the login helper) take turns, and, since a JVM cannot hold two locks on one file,
 * a lock per file inside the JVM, shared by every store object of that file (one per CamelContext).
 */
public final class FileTokenStore implements TokenStore {

    /** Locks by file, not by store object: two CamelContexts of a JVM each have a store object for the same file. */
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    public FileTokenStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    @Override
    public String readRefreshToken(String clientId) {
        // no lock: a write replaces the file in one move, so a read sees the old or the new file whole
        return load().getProperty(clientId);
    }

    @Override
    public void writeRefreshToken(String clientId, String refreshToken) {
        try {
            locked(() -> {
                Properties tokens = load();
                tokens.setProperty(clientId, refreshToken);
                replace(file.getParent(), tokens);
                return null;
            });
        } catch (IOException e) {
            // the message names the file only: the token stays out of it
            throw new UncheckedIOException("Cannot write the refresh token store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Holds this file's lock, in this JVM and across processes, while the exchange reads, exchanges and writes. */
    @Override
    public <T> T exchangeExclusively(String clientId, Supplier<T> exchange) {
        try {
            return locked(exchange::get);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the refresh token store " + file + ": " + e.getMessage(), e);
        }
    }

    private <T> T locked(IoAction<T> action) throws IOException {
        ReentrantLock inJvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        inJvm.lock();
        try {
            if (inJvm.getHoldCount() > 1) {
                return action.run(); // a write inside an exchange: this thread holds the file lock already
            }
            Path dir = file.getParent();
            createOwnerOnlyDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                return action.run();
            }
        } finally {
            inJvm.unlock();
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private void replace(Path dir, Properties tokens) throws IOException {
        Path tmp = ownerOnlyTempFile(dir);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                tokens.store(out, "camel-accs refresh tokens: keep this file private");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, ".accs-tokens", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path tmp = Files.createTempFile(dir, ".accs-tokens", ".tmp");
        tmp.toFile().setReadable(false, false);
        tmp.toFile().setReadable(true, true);
        tmp.toFile().setWritable(false, false);
        tmp.toFile().setWritable(true, true);
        return tmp;
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the refresh token store " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + "]";
    }
}
