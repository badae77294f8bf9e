package io.camelaccs.platform;

import io.camelaccs.rest.CommercePlatform;

/**
 * Which Commerce an endpoint talks to. The same route works on each ({@code accs:get:/V1/products/{sku}}); the
 * platform decides the paths, the store scope, the operation catalog and which authentication types apply.
 */
public enum Platform {

    /** Adobe Commerce as a Cloud Service: Adobe IMS tokens, the store in the {@code Store} header. */
    CLOUD_SERVICE(CloudServicePlatform.INSTANCE),
    /**
     * Adobe Commerce on cloud infrastructure or on-premises, and Magento Open Source 2.4: the store code in the path
     * ({@code /rest/<storeCode>/V1/...}), integration (OAuth 1.0a) or admin token authentication.
     */
    PAAS(PaasPlatform.INSTANCE);

    private final CommercePlatform strategy;

    Platform(CommercePlatform strategy) {
        this.strategy = strategy;
    }

    /** The paths, scope and catalog of this platform. */
    public CommercePlatform strategy() {
        return strategy;
    }
}
