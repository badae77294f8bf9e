package io.camelaccs.component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.camelaccs.ims.AuthenticationType;

/**
 * Checks a configuration when an endpoint is created, so that a route with missing or contradictory settings fails
 * at start-up with the option named, not at its first request.
 */
final class ConfigurationValidator {

    private final AccsEndpointConfiguration conf;

    ConfigurationValidator(AccsEndpointConfiguration conf) {
        this.conf = conf;
    }

    void validate() {
        checkWhere();
        checkWho();
        checkHttp();
    }

    private void checkWhere() {
        boolean hasBase = !isBlank(conf.getBaseUrl());
        boolean hasRegion = !isBlank(conf.getRegion());
        boolean hasTenant = !isBlank(conf.getTenantId());
        if (hasBase && (hasRegion || hasTenant)) {
            throw fail("Options baseUrl and region/tenantId contradict each other: give either baseUrl, or region with"
                       + " tenantId");
        }
        if (!hasBase && !(hasRegion && hasTenant)) {
            if (hasRegion || hasTenant) {
                throw fail("Option " + (hasRegion ? "tenantId" : "region") + " is required with option "
                           + (hasRegion ? "region" : "tenantId") + " (or give baseUrl instead)");
            }
            throw fail("Option baseUrl is required (for example https://na1.api.commerce.adobe.com/<tenant-id>),"
                       + " or options region and tenantId");
        }
        if (hasBase) {
            checkHttpUrl("baseUrl", conf.getBaseUrl());
        }
        checkHttpUrl("imsUrl", conf.getImsUrl());
    }

    private void checkWho() {
        AuthenticationType type = conf.getAuthenticationType();
        if (type == null) {
            throw fail("Option authenticationType must be CLIENT_CREDENTIALS, REFRESH_TOKEN or ACCESS_TOKEN");
        }
        if (isBlank(conf.getClientId())) {
            throw fail("Option clientId is required (the credential's client id, also sent as x-api-key)");
        }
        switch (type) {
            case CLIENT_CREDENTIALS -> {
                if (isBlank(conf.getClientSecret())) {
                    throw fail("Option clientSecret is required with authenticationType CLIENT_CREDENTIALS");
                }
                if (!conf.scopeList().contains("commerce.accs")) {
                    throw fail("Option scopes must include commerce.accs, without which ACCS rejects the token;"
                               + " the default is " + AccsConfiguration.DEFAULT_SCOPES);
                }
            }
            case REFRESH_TOKEN -> {
                if (!isBlank(conf.getTokenStoreFile()) && conf.getTokenStore() != null) {
                    throw fail("Options tokenStore and tokenStoreFile contradict each other: give one of them");
                }
            }
            case ACCESS_TOKEN -> {
                // the token may come per exchange in header CamelAccsAccessToken
            }
        }
    }

    private void checkHttp() {
        if (conf.getMaxConnections() < 1) {
            throw fail("Option maxConnections must be at least 1, but was " + conf.getMaxConnections());
        }
        if (conf.getConnectTimeout() < 0 || conf.getReadTimeout() < 0 || conf.getConnectionRequestTimeout() < 0) {
            throw fail("Options connectTimeout, readTimeout and connectionRequestTimeout must not be negative");
        }
        if (!isBlank(conf.getProxyHost()) && conf.getProxyPort() == null) {
            throw fail("Option proxyPort is required with option proxyHost");
        }
        if (conf.getImsMaxRetries() < 0) {
            throw fail("Option imsMaxRetries must not be negative, but was " + conf.getImsMaxRetries());
        }
        if (conf.getTokenTimeout() < 1) {
            throw fail("Option tokenTimeout must be at least 1 ms (how long an exchange waits for a token from IMS),"
                       + " but was " + conf.getTokenTimeout());
        }
        if (conf.getMaxRetries() < 0) {
            throw fail("Option maxRetries must not be negative, but was " + conf.getMaxRetries());
        }
        if (conf.getPageSize() < 1) {
            throw fail("Option pageSize must be at least 1, but was " + conf.getPageSize());
        }
        if (conf.getCurrentPage() != null && conf.getCurrentPage() < 1) {
            throw fail("Option currentPage must be at least 1 (pages count from 1), but was " + conf.getCurrentPage());
        }
        if (conf.getRetryDelay() < 0 || conf.getRetryTimeout() < 0 || conf.getCompletionTimeout() < 0) {
            throw fail("Options retryDelay, retryTimeout and completionTimeout must not be negative");
        }
        AccsMode.parse(conf.getMode());
        HeaderNamePatterns.parse("requestHeaders", conf.getRequestHeaders());
        HeaderNamePatterns.parse("responseHeaders", conf.getResponseHeaders());
    }

    private static void checkHttpUrl(String option, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw fail("Option " + option + " must be an absolute http(s) URL, but was: " + value);
            }
        } catch (URISyntaxException e) {
            throw fail("Option " + option + " is not a valid URL (" + e.getReason() + "): " + value);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }
}
