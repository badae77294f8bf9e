package io.camelaccs.platform;

import java.util.ArrayList;
import java.util.List;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsEndpoint;
import io.camelaccs.rest.Operation;
import io.camelaccs.rest.OperationCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What option platform does at endpoint creation: the catalog an operation is checked against (the PaaS admin schema
 * on PAAS), the authentication types each platform takes, and the credentials each type needs; every mistake fails
 * the endpoint with the option named and what would be accepted.
 */
class PlatformOptionsTest {

    private static final String PAAS = "platform=PAAS&baseUrl=https://shop.example.com/rest";
    private static final String INTEGRATION = PAAS + "&authenticationType=INTEGRATION&consumerKey=ck"
                                              + "&consumerSecret=cs&accessToken=at&accessTokenSecret=ts";

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setClientId("client-id-for-accs");
        accs.getConfiguration().setClientSecret("secret");
        accs.getConfiguration().setBaseUrl("https://na1.api.commerce.adobe.com/tenant");
        context.addComponent("accs", accs);
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String failure(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri));
        return e.getCause().getMessage();
    }

    @Test
    void customersMeIsRefusedOnAccsAndAcceptedOnPaas() {
        String accs = failure("accs:get:/V1/customers/me");
        assertTrue(accs.startsWith("Unknown ACCS operation GET /V1/customers/me: did you mean "), accs);
        assertTrue(accs.contains("platform=CLOUD_SERVICE, but Adobe Commerce PaaS has it: set platform=PAAS"), accs);

        AccsEndpoint paas = (AccsEndpoint) context.getEndpoint("accs:get:/V1/customers/me?" + INTEGRATION);
        assertEquals("GET /V1/customers/me", paas.getOperation().describe());

        String unknown = failure("accs:get:/V1/prodcts?" + INTEGRATION);
        assertTrue(unknown.startsWith("Unknown Adobe Commerce PaaS operation GET /V1/prodcts: did you mean GET"
                                      + " /V1/products"), unknown);
    }

    @Test
    void everyGetAndDeleteOfThePaasSchemaIsAccepted() {
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (Operation op : OperationCatalog.paas().operations()) {
            if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
                continue;
            }
            checked++;
            String uri = "accs:" + op.method().toLowerCase() + ":" + op.path() + "?" + INTEGRATION;
            try {
                AccsEndpoint endpoint = (AccsEndpoint) context.getEndpoint(uri);
                if (!endpoint.getOperation().path().equals(op.path())) {
                    refused.add(op.describe() + " resolved to " + endpoint.getOperation().describe());
                }
            } catch (RuntimeException e) {
                refused.add(op.describe() + ": " + e.getCause().getMessage());
            }
        }
        assertTrue(checked > 250, "the schema's reads and deletes: " + checked);
        assertEquals(List.of(), refused);
    }

    @Test
    void paasAuthenticationTypesNeedPlatformPaas() {
        String m = failure("accs:get:/V1/products?authenticationType=INTEGRATION");
        assertTrue(m.startsWith("Option authenticationType INTEGRATION needs platform=PAAS"), m);
        assertTrue(m.contains("CLIENT_CREDENTIALS, REFRESH_TOKEN or ACCESS_TOKEN"), m);
        m = failure("accs:get:/V1/products?authenticationType=ADMIN_TOKEN");
        assertTrue(m.startsWith("Option authenticationType ADMIN_TOKEN needs platform=PAAS"), m);
    }

    @Test
    void imsAuthenticationTypesDoNotApplyToPaas() {
        String m = failure("accs:get:/V1/products?" + PAAS);
        assertTrue(m.startsWith("Option authenticationType CLIENT_CREDENTIALS does not apply to platform=PAAS"), m);
        assertTrue(m.contains("INTEGRATION (consumerKey, consumerSecret, accessToken, accessTokenSecret"), m);
    }

    @Test
    void eachIntegrationCredentialIsNamedWhenMissing() {
        for (String option : List.of("consumerKey", "consumerSecret", "accessToken", "accessTokenSecret")) {
            String uri = "accs:get:/V1/products?" + INTEGRATION.replaceAll("&" + option + "=[^&]*", "");
            String m = failure(uri);
            assertTrue(m.startsWith("Option " + option + " is required with platform=PAAS and authenticationType"
                                    + " INTEGRATION"), m);
        }
        // as a bearer, the access token alone
        context.getEndpoint("accs:get:/V1/products?" + PAAS + "&authenticationType=INTEGRATION&accessToken=at"
                            + "&integrationAsBearer=true");
    }

    @Test
    void adminTokensNeedUserAndPassword() {
        String m = failure("accs:get:/V1/products?" + PAAS + "&authenticationType=ADMIN_TOKEN&adminUsername=u");
        assertTrue(m.startsWith("Option adminPassword is required with platform=PAAS and authenticationType"
                                + " ADMIN_TOKEN"), m);
        m = failure("accs:get:/V1/products?" + PAAS + "&authenticationType=ADMIN_TOKEN&adminUsername=u"
                    + "&adminPassword=p&adminTokenLifetime=1000");
        assertTrue(m.startsWith("Option adminTokenLifetime must be at least 60000 ms"), m);
    }

    @Test
    void paasNeedsTheShopsRestRoot() {
        String m = failure("accs:get:/V1/products?platform=PAAS&baseUrl=&region=na1&tenantId=t"
                           + "&authenticationType=ACCESS_TOKEN");
        assertTrue(m.startsWith("Option baseUrl is required with platform=PAAS: the shop's REST root"), m);
    }

    @Test
    void ioEventsKeepImsCredentialsWhenTheAccsComponentIsSetUpForAPaasShop() {
        AccsComponent shop = context.getComponent("accs", AccsComponent.class);
        shop.getConfiguration().setPlatform(Platform.PAAS);
        shop.getConfiguration().setBaseUrl("https://shop.example.com/rest");
        shop.getConfiguration().setAuthenticationType(io.camelaccs.ims.AuthenticationType.INTEGRATION);
        String m = failure("accs-events:journal?journalUrl=https://events.example.com/j&syncId=s");
        assertTrue(m.startsWith("Option authenticationType INTEGRATION is for the REST API of a PaaS shop; Adobe I/O"
                                + " Events takes Adobe IMS credentials"), m);
        // with its own IMS credentials it is fine
        context.getEndpoint("accs-events:journal?journalUrl=https://events.example.com/j&syncId=s"
                            + "&authenticationType=CLIENT_CREDENTIALS&clientId=events-client&clientSecret=s"
                            + "&orgId=ORG@AdobeOrg");
    }

    @Test
    void paasTakesACallersTokenWithoutAnImsClient() {
        AccsComponent bare = new AccsComponent();
        context.addComponent("shop", bare);
        context.getEndpoint("shop:get:/V1/products?" + PAAS + "&authenticationType=ACCESS_TOKEN");
    }
}
