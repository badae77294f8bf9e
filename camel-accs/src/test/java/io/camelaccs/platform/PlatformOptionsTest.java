package io.camelaccs.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsEndpoint;
import io.camelaccs.rest.Operation;
import io.camelaccs.rest.OperationCatalog;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What option platform does at endpoint creation: the catalog an operation is checked against (the PaaS admin schema
 * on PAAS), the authentication types each platform takes, and the credentials each type needs; every mistake fails
 * the endpoint with the option named and what would be accepted. Also what users get wrong while moving between
 * platforms: a misspelt value of an enum option fails naming the option and the values it takes (on each of the three
 * schemes); a base URL of the other platform's shape and PaaS credentials left in an ACCS configuration are told at
 * WARN when the endpoint is created, once, and never with a secret's value.
 */
class PlatformOptionsTest {

    private static final String PAAS = "platform=PAAS&baseUrl=https://shop.example.com/rest";
    private static final String INTEGRATION = PAAS + "&authenticationType=INTEGRATION&consumerKey=ck"
                                              + "&consumerSecret=cs&accessToken=at&accessTokenSecret=ts";

    /** An integration whose base URL each test gives itself. */
    private static final String INTEGRATION_ELSEWHERE = "platform=PAAS&authenticationType=INTEGRATION&consumerKey=ck"
                                                        + "&consumerSecret=RAW(cs-secret-value)"
                                                        + "&accessToken=RAW(at-secret-value)"
                                                        + "&accessTokenSecret=RAW(ts-secret-value)";

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

    @Test
    void aMisspeltEnumValueNamesTheOptionAndTheValuesItTakes() {
        assertEquals("Option authenticationType of accs endpoints has no value 'INTEGRATON': use one of"
                     + " CLIENT_CREDENTIALS, REFRESH_TOKEN, ACCESS_TOKEN, INTEGRATION, ADMIN_TOKEN (case does not"
                     + " matter)", failure("accs:get:/V1/products?authenticationType=INTEGRATON"));
        assertEquals("Option platform of accs endpoints has no value 'PASS': use one of CLOUD_SERVICE, PAAS (case does"
                     + " not matter)", failure("accs:get:/V1/products?platform=PASS"));
        assertTrue(failure("accs-events:journal?journalUrl=https://events.example.com/journal&clientId=c"
                           + "&clientSecret=s&authenticationType=CLIENT-CREDENTIAL")
                .startsWith("Option authenticationType of accs-events endpoints has no value 'CLIENT-CREDENTIAL': use"
                            + " one of CLIENT_CREDENTIALS,"));
        assertTrue(failure("accs-webhook:/hooks/x?verifySignature=false&fallbackOperation=SUCCES")
                .startsWith("Option fallbackOperation of accs-webhook endpoints has no value 'SUCCES': use one of "));
    }

    @Test
    void aNegativeLookBackIsRefusedAtEndpointCreation() {
        assertEquals("Option incrementalOverlap must not be negative (how far before the watermark each poll looks"
                     + " again; 0 turns the look-back off), but was -1000",
                failure("accs:get:/V1/orders?incrementalField=updated_at&incrementalOverlap=-1000"));
    }

    @Test
    void enumValuesTakeAnyCaseAndTheDashedFormAsCamelDoes() {
        AccsEndpoint lower = context.getEndpoint("accs:get:/V1/products?platform=paas&baseUrl=https://shop.example.com/rest"
                                                 + "&authenticationType=admin-token&adminUsername=a&adminPassword=p",
                AccsEndpoint.class);
        assertEquals("PAAS", lower.getConfiguration().getPlatform().name());
        assertEquals("ADMIN_TOKEN", lower.getConfiguration().getAuthenticationType().name());
    }

    @Test
    void aBaseUrlOfTheOtherPlatformsShapeIsToldOnceAtWarn() {
        String shop = "https://shop-" + UUID.randomUUID() + ".example.com";
        try (LogCapture log = new LogCapture()) {
            context.getEndpoint("accs:get:/V1/products?" + INTEGRATION_ELSEWHERE + "&baseUrl=" + shop);
            context.getEndpoint("accs:get:/V1/orders?" + INTEGRATION_ELSEWHERE + "&baseUrl=" + shop);
            context.getEndpoint("accs:get:/V1/products?baseUrl=" + shop + "/rest");
            List<String> warnings = log.lines().stream().filter(l -> l.level().equals("WARN"))
                    .map(LogCapture.Line::text).distinct().toList();
            assertEquals(1, warnings.stream().filter(w -> w.startsWith("Option baseUrl " + shop + " does not end in"
                                                                         + " /rest")).count(), warnings.toString());
            assertTrue(warnings.contains("Option baseUrl " + shop + "/rest ends in /rest, as a PaaS shop's REST root"
                                         + " does; an ACCS tenant's is https://<region>.api.commerce.adobe.com/"
                                         + "<tenant-id>. For a PaaS shop set platform=PAAS"), warnings.toString());
        }
    }

    @Test
    void paasCredentialsLeftInAnAccsConfigurationAreNamedNotShown() {
        String tenant = "https://na1.api.commerce.adobe.com/t-" + UUID.randomUUID();
        try (LogCapture log = new LogCapture()) {
            context.getEndpoint("accs:get:/V1/products?baseUrl=" + tenant + "&consumerKey=ck"
                                + "&consumerSecret=RAW(cs-secret-value)&adminPassword=RAW(pw-secret-value)");
            String text = log.text();
            assertTrue(text.contains("Options consumerKey, consumerSecret, adminPassword are set but not used: they"
                                     + " belong to platform=PAAS (authenticationType INTEGRATION or ADMIN_TOKEN), and"
                                     + " this configuration has platform=CLOUD_SERVICE with authenticationType"
                                     + " CLIENT_CREDENTIALS (Adobe IMS)"), text);
            // Camel's own TRACE of the URI aside (a URI with secrets in it is the route's choice)
            String ours = log.lines().stream().filter(l -> l.logger().startsWith("io.camelaccs"))
                    .map(LogCapture.Line::text).reduce("", (a, b) -> a + b + "\n");
            assertFalse(ours.contains("cs-secret-value") || ours.contains("pw-secret-value"), ours);
        }
    }

    @Test
    void imsOptionsOnPaasAreNotDoubtedAsAccsEventsInheritsThem() {
        try (LogCapture log = new LogCapture()) {
            context.getEndpoint("accs:get:/V1/products?" + INTEGRATION_ELSEWHERE + "&baseUrl=https://shop.example.com/rest");
            assertFalse(log.text().contains("set but not used"), log.text());
        }
    }
}
