package io.camelaccs.http;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * A pooled HTTP client (Apache HttpClient 5) that reads each response whole and releases the connection at once.
 * Retries and redirects are left to the callers, which know which requests may be repeated.
 */
public final class HttpTransport implements Closeable {

    private final CloseableHttpClient client;

    public HttpTransport(HttpSettings settings, CamelContext context) {
        PoolingHttpClientConnectionManagerBuilder poolBuilder = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(RedactingConnectionFactory.INSTANCE)
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.ofMilliseconds(settings.readTimeout()))
                        .build());
        if (settings.sslContextParameters() != null) {
            poolBuilder.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext(settings, context)));
        }
        PoolingHttpClientConnectionManager pool = poolBuilder.build();
        var builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(settings.connectionRequestTimeout()))
                        .setResponseTimeout(Timeout.ofMilliseconds(settings.readTimeout()))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching();
        if (settings.proxyHost() != null) {
            builder.setProxy(new HttpHost(settings.proxyHost(), settings.proxyPort()));
        }
        this.client = builder.build();
    }

    private static SSLContext sslContext(HttpSettings settings, CamelContext context) {
        try {
            return settings.sslContextParameters().createSSLContext(context);
        } catch (Exception e) {
            throw new RuntimeCamelException("Cannot create the TLS context from option sslContextParameters: " + e.getMessage(), e);
        }
    }

    /** Sends the request and reads the whole response. */
    public HttpReply execute(ClassicHttpRequest request) throws IOException {
        return client.execute(request, response -> {
            Map<String, String> headers = new HashMap<>();
            for (Header h : response.getHeaders()) {
                String name = h.getName().toLowerCase(Locale.ROOT);
                // the first value wins, but Link headers combine (the journal may send one per relation)
                headers.merge(name, h.getValue(), (first, next) -> "link".equals(name) ? first + ", " + next : first);
            }
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            return new HttpReply(response.getCode(), headers, body);
        });
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
