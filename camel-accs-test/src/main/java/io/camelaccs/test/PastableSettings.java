package io.camelaccs.test;

/**
 * The settings that point an application at a running simulator, in the forms users paste them: environment
 * variables (the names the guide and the example use) and {@code camel.component.accs.*} properties (Camel Main and
 * Spring Boot alike). The credentials are the simulator's own, worthless anywhere else.
 */
final class PastableSettings {

    private PastableSettings() {
    }

    static String render(AccsSimulator sim) {
        if (sim.isPaas()) {
            return paas(sim);
        }
        return """
                # environment variables
                export ACCS_BASE_URL=%1$s
                export ACCS_IMS_URL=%2$s
                export ACCS_CLIENT_ID=%3$s
                export ACCS_CLIENT_SECRET=%4$s
                export ACCS_ORG_ID=%5$s

                # or application.properties (Camel Main, Spring Boot)
                camel.component.accs.base-url=%1$s
                camel.component.accs.ims-url=%2$s
                camel.component.accs.client-id=%3$s
                camel.component.accs.client-secret=%4$s
                camel.component.accs.org-id=%5$s
                """.formatted(sim.baseUrl(), sim.imsUrl(), sim.clientId(), sim.clientSecret(), sim.orgId());
    }

    /** A PaaS shop: its integration's four credentials, or its Admin user for admin tokens. */
    private static String paas(AccsSimulator sim) {
        StringBuilder sb = new StringBuilder("# application.properties (Camel Main, Spring Boot): an Adobe Commerce PaaS"
                                             + " shop, authenticated as an integration\n");
        sb.append("# (for admin tokens instead: authentication-type=ADMIN_TOKEN, admin-username=")
                .append(sim.paas().adminUsername()).append(", admin-password=").append(sim.paas().adminPassword())
                .append(")\n");
        sim.componentProperties().forEach((name, value) -> sb.append("camel.component.accs.")
                .append(name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT)).append('=').append(value)
                .append('\n'));
        return sb.toString();
    }
}
