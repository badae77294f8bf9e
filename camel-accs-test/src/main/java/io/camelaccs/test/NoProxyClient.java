package io.camelaccs.test;

import java.io.IOException;
import java.util.List;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.client.HttpClient;
import com.github.tomakehurst.wiremock.http.client.HttpClientFactory;

/**
 * The simulator never proxies, so WireMock gets an outgoing HTTP client that refuses: its default one builds an
 * Apache HttpClient at start, which costs a fifth of a cold start.
 */
final class NoProxyClient implements HttpClientFactory {

    @Override
    public HttpClient buildHttpClient(Options options, boolean trustAllCertificates, List<String> trustedHosts,
                                      boolean useSystemProperties) {
        return request -> {
            throw new IOException("The ACCS simulator does not proxy requests");
        };
    }
}
