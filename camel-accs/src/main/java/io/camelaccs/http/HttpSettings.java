package io.camelaccs.http;

import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The settings that shape a connection pool. Endpoints whose settings are equal share one {@link HttpTransport}.
 *
 * @param connectTimeout            milliseconds to establish a connection
 * @param readTimeout               milliseconds to wait for data
 * @param maxConnections            pool size
 * @param proxyHost                 proxy host, or null
 * @param proxyPort                 proxy port, or null
 * @param sslContextParameters      TLS settings, or null for the JVM's defaults (compared by identity)
 * @param connectionRequestTimeout  milliseconds to wait for a pooled connection when all are busy
 */
public record HttpSettings(long connectTimeout, long readTimeout, int maxConnections, String proxyHost, Integer proxyPort,
        SSLContextParameters sslContextParameters, long connectionRequestTimeout) {

    /** Settings whose wait for a pooled connection is the read timeout (IMS, the login helper, the events). */
    public HttpSettings(long connectTimeout, long readTimeout, int maxConnections, String proxyHost, Integer proxyPort,
                        SSLContextParameters sslContextParameters) {
        this(connectTimeout, readTimeout, maxConnections, proxyHost, proxyPort, sslContextParameters, readTimeout);
    }

    /** The same settings with another pool size. */
    public HttpSettings withMaxConnections(int max) {
        return new HttpSettings(connectTimeout, readTimeout, max, proxyHost, proxyPort, sslContextParameters,
                connectionRequestTimeout);
    }
}
