package io.camelaccs.test;

/**
 * Every URL a running simulator serves, with the option of the component each one goes to: what a user trying the
 * journal, the I/O Events webhook or a Commerce webhook by hand needs, without reading the simulator's source.
 */
final class SimulatorUrls {

    private SimulatorUrls() {
    }

    static String render(AccsSimulator sim) {
        String keys = sim.publicKeyBaseUrl();
        return """
                # URLs
                # Commerce REST (accs: baseUrl)            %1$s
                # IMS token endpoint (accs: imsUrl)        %2$s%3$s
                # I/O Events journal (accs-events:journal?journalUrl=...)
                #                                          %4$s
                # I/O Events public keys (accs-events:webhook?publicKeyBaseUrl=...)
                #                                          %5$s
                #   the keys of its signed deliveries:     %5$s%6$s
                #                                          %5$s%7$s
                # Commerce webhooks (POST %8$s/V1/webhooks/subscribe): signed with the key printed below
                """.formatted(sim.baseUrl(), sim.imsUrl(), RequestRecorder.TOKEN_PATH, sim.journalUrl(), keys,
                sim.webhooks().publicKeyPath(1), sim.webhooks().publicKeyPath(2), storeRoot(sim));
    }

    /**
     * Where a PaaS shop's routes are called by hand: with the store code, which Magento would also infer from
     * {@code /rest/V1/...} but a reader should not have to know.
     */
    private static String storeRoot(AccsSimulator sim) {
        return sim.isPaas() ? sim.baseUrl() + "/" + PaasCommerceEndpoint.DEFAULT_STORE : sim.baseUrl();
    }
}
