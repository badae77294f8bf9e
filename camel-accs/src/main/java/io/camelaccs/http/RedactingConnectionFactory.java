package io.camelaccs.http;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.message.RequestLine;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections that keep credentials out of HttpClient's own debug logs. HttpClient dumps every header
 * ({@code org.apache.hc.client5.http.headers}) and every byte ({@code org.apache.hc.client5.http.wire}) at DEBUG, which
 * would print bearer tokens and the client secret of token requests to anyone who turns on DEBUG logging. These
 * connections never use the wire log and log headers with credential values replaced by {@code ****}.
 */
final class RedactingConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    static final RedactingConnectionFactory INSTANCE = new RedactingConnectionFactory();

    private static final Logger HEADER_LOG = LoggerFactory.getLogger("org.apache.hc.client5.http.headers");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "proxy-authorization",
            "cookie", "set-cookie");
    private static final AtomicLong COUNTER = new AtomicLong();

    private RedactingConnectionFactory() {
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        RedactingConnection conn = new RedactingConnection("accs-" + COUNTER.getAndIncrement());
        if (socket != null) {
            conn.bind(socket);
        }
        return conn;
    }

    @Override
    public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
        RedactingConnection conn = new RedactingConnection("accs-" + COUNTER.getAndIncrement());
        if (sslSocket != null) {
            conn.bind(sslSocket, socket);
        }
        return conn;
    }

    static String redact(Header header) {
        return SECRET_HEADERS.contains(header.getName().toLowerCase(Locale.ROOT))
                ? header.getName() + ": ****" : header.getName() + ": " + header.getValue();
    }

    /**
     * HttpClient's own managed connection is package-private and picks the wire-logging socket whenever DEBUG is on;
     * this one is built on HttpCore's plain connection, whose sockets never log.
     */
    private static final class RedactingConnection extends DefaultBHttpClientConnection
            implements ManagedHttpClientConnection, Identifiable {

        private final String id;
        private volatile Timeout socketTimeout = Timeout.ZERO_MILLISECONDS;

        RedactingConnection(String id) {
            super(Http1Config.DEFAULT);
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            super.bind(sslSocket, socket);
            socketTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder != null ? holder.getSocket() : null;
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            if (request != null && HEADER_LOG.isDebugEnabled()) {
                HEADER_LOG.debug("{} >> {}", id, new RequestLine(request));
                for (Header header : request.getHeaders()) {
                    HEADER_LOG.debug("{} >> {}", id, redact(header));
                }
            }
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            if (response != null && HEADER_LOG.isDebugEnabled()) {
                HEADER_LOG.debug("{} << {}", id, new StatusLine(response));
                for (Header header : response.getHeaders()) {
                    HEADER_LOG.debug("{} << {}", id, redact(header));
                }
            }
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
