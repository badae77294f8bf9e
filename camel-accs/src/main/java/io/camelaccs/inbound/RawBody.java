package io.camelaccs.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Message;

/**
 * The request body's bytes as they came, whatever the platform-http engine made of them (Vert.x a {@code Buffer},
 * Spring a {@code byte[]} or a stream), read up to a bound: signatures are over exactly these bytes.
 */
public final class RawBody {

    /** The body is larger than the bound. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long max) {
            super("The request body is larger than maxBodySize (" + max + " bytes)");
        }
    }

    private RawBody() {
    }

    /** Refuses a body whose announced {@code Content-Length} is over the bound, before a byte of it is read. */
    private static void checkDeclaredLength(Message message, long max) throws IOException {
        Object declared = message.getHeader("Content-Length");
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.toString().trim());
        } catch (NumberFormatException e) {
            throw new IOException("Content-Length is not a number");
        }
        if (length > max) {
            throw new TooLargeException(max);
        }
    }

    /**
     * The request body's bytes, at most {@code max} of them: a body whose announced {@code Content-Length} is over the
     * bound is refused before a byte of it is read, one without is bounded while it is read.
     *
     * @throws TooLargeException the body (or its announced length) is over {@code max}
     * @throws IOException       the announced length is not a number, or the body cannot be read
     */
    public static byte[] read(Message message, long max) throws IOException {
        checkDeclaredLength(message, max);
        Object body = message.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bounded(bytes, max);
        }
        if (body instanceof String text) {
            return bounded(text.getBytes(StandardCharsets.UTF_8), max);
        }
        InputStream in = body instanceof InputStream stream ? stream
                : message.getExchange().getContext().getTypeConverter().tryConvertTo(InputStream.class,
                        message.getExchange(), body);
        if (in == null) {
            byte[] bytes = message.getExchange().getContext().getTypeConverter().tryConvertTo(byte[].class,
                    message.getExchange(), body);
            if (bytes == null) {
                throw new IOException("Cannot read the request body of type " + body.getClass().getName());
            }
            return bounded(bytes, max);
        }
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            for (int n; (n = stream.read(chunk)) > 0;) {
                total += n;
                if (total > max) {
                    throw new TooLargeException(max);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] bounded(byte[] bytes, long max) throws TooLargeException {
        if (bytes.length > max) {
            throw new TooLargeException(max);
        }
        return bytes;
    }
}
