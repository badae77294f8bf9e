package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An integration whose role lacks an ACL resource: Commerce answers 401 with the resource named, to a fresh token as to
 * an old one, only for the operations that resource guards, and the token stays good for everything else.
 */
class PermissionDeniedTest {

    private static final String PRODUCTS = "/V1/products?searchCriteria[pageSize]=1";
    private static final String ORDERS = "/V1/orders?searchCriteria[pageSize]=1";

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR = new SimulatorPerClass(AccsSimulator.builder().products(3).orders(2));

    private final AccsSimulator sim = SIMULATOR.get();

    @AfterEach
    void giveBack() {
        sim.allowAllPermissions();
    }

    @Test
    void deniedResourceIsRefusedWithItsNameWhateverTheToken() {
        sim.denyPermission("Magento_Catalog::products");
        SimClient client = new SimClient(sim);

        SimClient.Reply first = client.get(PRODUCTS);
        client.useToken(client.clientCredentials().json().get("access_token").asText());
        SimClient.Reply withFreshToken = client.get(PRODUCTS);

        for (SimClient.Reply reply : new SimClient.Reply[] { first, withFreshToken }) {
            assertEquals(401, reply.status());
            assertEquals("The consumer isn't authorized to access %resources.", reply.json().get("message").asText());
            assertEquals("Magento_Catalog::products", reply.json().get("parameters").get("resources").asText());
        }
        assertEquals(200, client.get(ORDERS).status(), "the same token still opens what the role grants");
    }

    @Test
    void permissionGivenBackIsHonouredAtOnce() {
        sim.denyPermission("Magento_Sales::actions_view");
        SimClient client = new SimClient(sim);
        assertEquals(401, client.get(ORDERS).status());

        sim.allowPermission("Magento_Sales::actions_view");

        assertEquals(200, client.get(ORDERS).status());
        assertEquals(200, client.get(PRODUCTS).status());
    }
}
