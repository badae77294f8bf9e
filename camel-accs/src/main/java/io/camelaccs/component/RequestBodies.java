package io.camelaccs.component;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.camelaccs.rest.JsonBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * The request bytes of a message body. Content (a file from {@code file:}, a stream, a stream cache, a
 * {@code Reader}, a {@code ByteBuffer}) is sent as it is, through Camel's type converters; a String or bytes as JSON
 * already written; anything else (Map, List, POJO, Jackson node) serialised. The body is read once: the bytes serve
 * the 401 replay and the retries, and a one-shot stream is put back on the message as bytes (a stream cache is
 * reset), so that a redelivery of the exchange finds the same body.
 */
final class RequestBodies {

    private final JsonBodies json;

    RequestBodies(JsonBodies json) {
        this.json = json;
    }

    /** Whether the body is content to send as it is, rather than a value to serialise. */
    static boolean isContent(Object body) {
        return body instanceof byte[] || body instanceof CharSequence || body instanceof InputStream
               || body instanceof Reader || body instanceof ByteBuffer || body instanceof StreamCache
               || body instanceof WrappedFile<?> || body instanceof File || body instanceof Path;
    }

    /** The bytes to send for the message's body, or null when it has none. */
    byte[] read(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof ByteBuffer buffer) {
            // a duplicate leaves the caller's position alone, so a redelivery reads the same bytes
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (body instanceof StreamCache cache) {
            cache.reset();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            cache.writeTo(out);
            cache.reset();
            return out.toByteArray();
        }
        if (body instanceof InputStream stream) {
            byte[] bytes;
            try (stream) {
                bytes = stream.readAllBytes();
            }
            in.setBody(bytes);
            return bytes;
        }
        if (body instanceof Reader reader) {
            StringWriter text = new StringWriter();
            try (reader) {
                reader.transferTo(text);
            }
            in.setBody(text.toString());
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof WrappedFile<?> || body instanceof File || body instanceof Path) {
            // a file can be read again, so it stays on the message as it is
            try {
                return exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
            } catch (NoTypeConversionAvailableException e) {
                throw new IOException("Cannot read the message body " + body.getClass().getName()
                                      + " as bytes to send: " + e.getMessage(), e);
            }
        }
        return json.toJson(body);
    }
}
