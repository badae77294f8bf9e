package io.camelaccs.component;

import java.util.List;
import java.util.UUID;

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
 * Settings a user gets wrong while moving between platforms: a misspelt value of an enum option fails the endpoint
 * naming the option and the values it takes (on each of the three schemes); a base URL of the other platform's shape
 * and PaaS credentials left in an ACCS configuration are told at WARN when the endpoint is created, once, and never
 * with a secret's value.
 */
class DoubtfulOptionsTest {

    private static final String INTEGRATION = "platform=PAAS&authenticationType=INTEGRATION&consumerKey=ck"
                                              + "&consumerSecret=RAW(cs-secret-value)&accessToken=RAW(at-secret-value)"
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
            context.getEndpoint("accs:get:/V1/products?" + INTEGRATION + "&baseUrl=" + shop);
            context.getEndpoint("accs:get:/V1/orders?" + INTEGRATION + "&baseUrl=" + shop);
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
            context.getEndpoint("accs:get:/V1/products?" + INTEGRATION + "&baseUrl=https://shop.example.com/rest");
            assertFalse(log.text().contains("set but not used"), log.text());
        }
    }
}
