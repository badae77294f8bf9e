package io.camelaccs.example;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the example jobs run and what they read and write. From the environment: {@code ACCS_BASE_URL},
 * {@code ACCS_CLIENT_ID}, {@code ACCS_CLIENT_SECRET} (and optional {@code ACCS_ORG_ID}, {@code ACCS_STORE_CODE},
 * {@code ACCS_IMS_URL}) select a real tenant; without them the embedded simulator is used, as ACCS or, with
 * {@code ACCS_SIMULATOR_PLATFORM=PAAS}, as an Adobe Commerce PaaS shop (same jobs, same routes).
 *
 * @param baseUrl     the tenant's REST base URL, or null for the simulator
 * @param since       the catalog export takes products updated at or after this (Commerce format, UTC)
 * @param stockCsv    the stock CSV to import (sku,source_code,quantity); null: generated from the simulator's catalog
 * @param output      where the NDJSON export and the generated CSV go
 * @param simulatorPlatform the platform the embedded simulator plays: CLOUD_SERVICE (default) or PAAS
 */
record ExampleSettings(String baseUrl, String imsUrl, String clientId, String clientSecret, String orgId,
        String storeCode, String since, Path stockCsv, Path output, long simulatorTokenLifetimeSeconds,
        String simulatorPlatform) {

    static ExampleSettings fromEnvironment(Map<String, String> env) {
        String csv = env.get("ACCS_STOCK_CSV");
        return new ExampleSettings(env.get("ACCS_BASE_URL"), env.get("ACCS_IMS_URL"), env.get("ACCS_CLIENT_ID"),
                env.get("ACCS_CLIENT_SECRET"), env.get("ACCS_ORG_ID"), env.get("ACCS_STORE_CODE"),
                env.getOrDefault("ACCS_SINCE", "1970-01-01 00:00:00"), csv == null ? null : Path.of(csv),
                Path.of(env.getOrDefault("ACCS_EXAMPLE_OUTPUT", "target/example-output")),
                Long.parseLong(env.getOrDefault("ACCS_SIMULATOR_TOKEN_LIFETIME", "86399")),
                env.getOrDefault("ACCS_SIMULATOR_PLATFORM", "CLOUD_SERVICE"));
    }

    /** Whether the embedded simulator plays an Adobe Commerce PaaS shop. */
    boolean simulatorPaas() {
        return "PAAS".equalsIgnoreCase(simulatorPlatform);
    }

    boolean useSimulator() {
        return baseUrl == null || baseUrl.isBlank();
    }

    ExampleSettings withTenant(String base, String ims, String id, String secret, String org) {
        return new ExampleSettings(base, ims, id, secret, org, storeCode, since, stockCsv, output,
                simulatorTokenLifetimeSeconds, simulatorPlatform);
    }

    ExampleSettings withStockCsv(Path csv) {
        return new ExampleSettings(baseUrl, imsUrl, clientId, clientSecret, orgId, storeCode, since, csv, output,
                simulatorTokenLifetimeSeconds, simulatorPlatform);
    }

    @Override
    public String toString() {
        return "ExampleSettings[baseUrl=" + baseUrl + ", since=" + since + ", output=" + output + "]";
    }
}
