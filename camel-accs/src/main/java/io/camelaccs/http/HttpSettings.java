package io.camelaccs.http;

import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The settings that shape a connection pool. Endpoints whose settings are equal share one {@link HttpTransport}.
 *
 * @param connectTimeout        milliseconds to establish a connection
 * @param readTimeout           milliseconds to wait for data, and for a pooled connection
 * @param maxConnections        pool size
 * @param proxyHost             proxy host, or null
 * @param proxyPort             proxy port, or null
 * @param sslContextParameters  TLS settings, or null for the JVM's defaults (compared by identity)
 */
public record HttpSettings(long connectTimeout, long readTimeout, int maxConnections, String proxyHost, Integer proxyPort,
        SSLContextParameters sslContextParameters) {

    /** The same settings with another pool size. */
    public HttpSettings withMaxConnections(int max) {
        return new HttpSettings(connectTimeout, readTimeout, max, proxyHost, proxyPort, sslContextParameters);
    }
}
