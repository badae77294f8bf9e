package io.camelaccs.component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.platform.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a configuration when an endpoint is created, so that a route with missing or contradictory settings fails
 * at start-up with the option named, not at its first request.
 */
final class ConfigurationValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationValidator.class);
    private final AccsEndpointConfiguration conf;
    /** The doubts the component told already: each once, not once per endpoint of the configuration raising it. */
    private final Set<String> told;

    ConfigurationValidator(AccsEndpointConfiguration conf, Set<String> told) {
        this.conf = conf;
        this.told = told;
    }

    void validate() {
        checkWhere();
        checkWho();
        checkHttp();
        warnAboutDoubts();
    }

    /**
     * What is allowed but most likely a mistake: a base URL of the other platform's shape, and PaaS credentials that
     * platform CLOUD_SERVICE does not use (left over after a move to ACCS, say), which would otherwise be ignored
     * without a word. IMS options on PAAS are not doubted: accs-events inherits them from the accs component.
     */
    private void warnAboutDoubts() {
        String base = isBlank(conf.getBaseUrl()) ? null : conf.getBaseUrl().replaceAll("/+$", "");
        boolean restRoot = base != null && base.toLowerCase(Locale.ROOT).endsWith("/rest");
        if (conf.getPlatform() == Platform.PAAS && base != null && !restRoot) {
            tell("Option baseUrl " + base + " does not end in /rest, where a PaaS shop (platform=PAAS) serves its REST"
                 + " API (https://shop.example.com/rest, or .../index.php/rest without URL rewrites): requests go to"
                 + " baseUrl/<storeCode>/V1/..., and a shop answers 404 'Request does not match any route' elsewhere");
        }
        if (conf.getPlatform() == Platform.CLOUD_SERVICE && restRoot) {
            tell("Option baseUrl " + base + " ends in /rest, as a PaaS shop's REST root does; an ACCS tenant's is"
                 + " https://<region>.api.commerce.adobe.com/<tenant-id>. For a PaaS shop set platform=PAAS");
        }
        if (conf.getPlatform() == Platform.CLOUD_SERVICE) {
            List<String> unused = new ArrayList<>();
            addIfSet(unused, "consumerKey", conf.getConsumerKey());
            addIfSet(unused, "consumerSecret", conf.getConsumerSecret());
            addIfSet(unused, "accessTokenSecret", conf.getAccessTokenSecret());
            addIfSet(unused, "adminUsername", conf.getAdminUsername());
            addIfSet(unused, "adminPassword", conf.getAdminPassword());
            if (!unused.isEmpty()) {
                tell("Options " + String.join(", ", unused) + " are set but not used: they belong to platform=PAAS"
                     + " (authenticationType INTEGRATION or ADMIN_TOKEN), and this configuration has platform="
                     + "CLOUD_SERVICE with authenticationType " + conf.getAuthenticationType() + " (Adobe IMS)");
            }
        }
    }

    private static void addIfSet(List<String> names, String option, String value) {
        if (!isBlank(value)) {
            names.add(option);
        }
    }

    private void tell(String doubt) {
        if (told.add(doubt)) {
            LOG.warn(doubt);
        }
    }

    private void checkWhere() {
        boolean hasBase = !isBlank(conf.getBaseUrl());
        boolean hasRegion = !isBlank(conf.getRegion());
        boolean hasTenant = !isBlank(conf.getTenantId());
        if (conf.getPlatform() == Platform.PAAS && (hasRegion || hasTenant || !hasBase)) {
            throw fail("Option baseUrl is required with platform=PAAS: the shop's REST root, such as"
                       + " https://shop.example.com/rest (the store code follows it in each request's path)"
                       + (hasRegion || hasTenant ? "; options region and tenantId name an ACCS tenant" : ""));
        }
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
            throw fail("Option authenticationType must be CLIENT_CREDENTIALS, REFRESH_TOKEN or ACCESS_TOKEN (platform"
                       + " CLOUD_SERVICE), or INTEGRATION, ADMIN_TOKEN or ACCESS_TOKEN (platform PAAS)");
        }
        Platform platform = conf.getPlatform();
        if (platform == null) {
            throw fail("Option platform must be CLOUD_SERVICE (Adobe Commerce as a Cloud Service) or PAAS (Adobe"
                       + " Commerce on cloud infrastructure or on-premises, Magento Open Source)");
        }
        if (platform == Platform.PAAS) {
            checkPaasWho(type);
            return;
        }
        if (type == AuthenticationType.INTEGRATION || type == AuthenticationType.ADMIN_TOKEN) {
            throw fail("Option authenticationType " + type + " needs platform=PAAS (Adobe Commerce PaaS or Magento"
                       + " Open Source): ACCS (platform CLOUD_SERVICE) takes Adobe IMS tokens only, so use"
                       + " CLIENT_CREDENTIALS, REFRESH_TOKEN or ACCESS_TOKEN, or set platform=PAAS");
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
            default -> {
                // ACCESS_TOKEN: the token may come per exchange in header CamelAccsAccessToken
            }
        }
    }

    /** Platform PAAS: the shop's own credentials; Adobe IMS has no part in it. */
    private void checkPaasWho(AuthenticationType type) {
        switch (type) {
            case INTEGRATION -> {
                requireForPaas("accessToken", conf.getAccessToken(), type);
                if (!conf.isIntegrationAsBearer()) {
                    requireForPaas("consumerKey", conf.getConsumerKey(), type);
                    requireForPaas("consumerSecret", conf.getConsumerSecret(), type);
                    requireForPaas("accessTokenSecret", conf.getAccessTokenSecret(), type);
                }
            }
            case ADMIN_TOKEN -> {
                requireForPaas("adminUsername", conf.getAdminUsername(), type);
                requireForPaas("adminPassword", conf.getAdminPassword(), type);
                if (conf.getAdminTokenLifetime() < 60_000) {
                    throw fail("Option adminTokenLifetime must be at least 60000 ms (the shop's admin token lifetime,"
                               + " 4 hours by default), but was " + conf.getAdminTokenLifetime());
                }
            }
            case ACCESS_TOKEN -> {
                // a token the caller obtained (an admin, customer or integration token), per exchange or as option
            }
            default -> throw fail("Option authenticationType " + type + " does not apply to platform=PAAS: a PaaS"
                                  + " shop takes no Adobe IMS token. Use INTEGRATION (consumerKey, consumerSecret,"
                                  + " accessToken, accessTokenSecret of an integration), ADMIN_TOKEN (adminUsername,"
                                  + " adminPassword) or ACCESS_TOKEN");
        }
    }

    private static void requireForPaas(String option, String value, AuthenticationType type) {
        if (isBlank(value)) {
            String what = type == AuthenticationType.INTEGRATION
                    ? " (the integration's credentials, shown in System > Extensions > Integrations when it is"
                      + " activated: consumerKey, consumerSecret, accessToken, accessTokenSecret"
                      + ("accessToken".equals(option) ? "" : "; or integrationAsBearer=true with accessToken alone")
                      + ")"
                    : " (an Admin user's name and password, exchanged at /V1/integration/admin/token)";
            throw fail("Option " + option + " is required with platform=PAAS and authenticationType " + type + what);
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
        if (conf.getIncrementalOverlap() < 0) {
            throw fail("Option incrementalOverlap must not be negative (how far before the watermark each poll looks"
                       + " again; 0 turns the look-back off), but was " + conf.getIncrementalOverlap());
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
