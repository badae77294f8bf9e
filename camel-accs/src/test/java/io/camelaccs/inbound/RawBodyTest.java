package io.camelaccs.inbound;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The webhook body as each platform-http engine hands it over: bytes, a stream, a buffer; never more than the bound. */
class RawBodyTest {

    private final CamelContext context = new DefaultCamelContext();
    private final byte[] payload = "{\"sku\":\"Men's Tee & 100% +1 ü\"}".getBytes(StandardCharsets.UTF_8);

    private byte[] read(Object body, long max) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return RawBody.read(exchange.getMessage(), max);
    }

    @Test
    void bytesStreamsAndBuffersGiveTheSameBytes() throws Exception {
        assertArrayEquals(payload, read(payload, 1000));
        assertArrayEquals(payload, read(new ByteArrayInputStream(payload), 1000));
        assertArrayEquals(payload, read(ByteBuffer.wrap(payload), 1000));
        assertArrayEquals(payload, read(new String(payload, StandardCharsets.UTF_8), 1000));
        assertEquals(0, read(null, 1000).length);
    }

    @Test
    void aBodyOverTheBoundIsRefusedWithoutReadingItAll() {
        assertThrows(RawBody.TooLargeException.class, () -> read(payload, 10));
        ByteArrayInputStream huge = new ByteArrayInputStream(new byte[1_000_000]);
        assertThrows(RawBody.TooLargeException.class, () -> read(huge, 10_000));
        assertEquals(true, huge.available() > 900_000, "stopped soon after the bound");
    }
}
