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
}
