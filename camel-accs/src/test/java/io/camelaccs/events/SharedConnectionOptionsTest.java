package io.camelaccs.events;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.ims.AuthenticationType;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An accs-events endpoint takes every shared IMS and HTTP option it leaves unset from its accs component, and only
 * those: one set of settings serves both schemes, and a value given to accs-events is never lost to the accs one.
 */
class SharedConnectionOptionsTest {

    private static final String JOURNAL = "accs-events:journal?journalUrl=https://events-va6.adobe.io/events/"
                                          + "organizations/O/integrations/C/R";

    private CamelContext context;

    @BeforeEach
    void setUp() throws Exception {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl("https://na1.api.commerce.adobe.com/T");
        accs.getConfiguration().setClientId("accs-client");
        accs.getConfiguration().setClientSecret("accs-secret");
        accs.getConfiguration().setOrgId("ORG@AdobeOrg");
        accs.getConfiguration().setImsUrl("https://ims.example.test");
        accs.getConfiguration().setReadTimeout(25_000);
        accs.getConfiguration().setTokenTimeout(9_000);
        context.addComponent("accs", accs);
        context.start();
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    @Test
    void unsetOptionsComeFromTheAccsComponent() {
        var effective = context.getEndpoint(JOURNAL, AccsEventsEndpoint.class).effective();

        assertEquals("accs-client", effective.getClientId());
        assertEquals("accs-secret", effective.getClientSecret());
        assertEquals("ORG@AdobeOrg", effective.getOrgId());
        assertEquals("https://ims.example.test", effective.getImsUrl());
        assertEquals(25_000, effective.getReadTimeout());
        assertEquals(9_000, effective.getTokenTimeout());
        assertEquals(10_000, effective.getConnectTimeout(), "neither sets it: the documented default");
        assertEquals(AuthenticationType.CLIENT_CREDENTIALS, effective.getAuthenticationType());
    }

    @Test
    void optionsSetOnTheEventsEndpointWinAndTakeDurations() {
        var effective = context.getEndpoint(JOURNAL + "&clientId=events-client&readTimeout=2s&connectTimeout=1500"
                                            + "&tokenTimeout=PT3S&imsUrl=https://ims2.example.test",
                AccsEventsEndpoint.class).effective();

        assertEquals("events-client", effective.getClientId());
        assertEquals("accs-secret", effective.getClientSecret(), "unset on accs-events: the accs one");
        assertEquals(2_000, effective.getReadTimeout());
        assertEquals(1_500, effective.getConnectTimeout());
        assertEquals(3_000, effective.getTokenTimeout());
        assertEquals("https://ims2.example.test", effective.getImsUrl());
    }

    @Test
    void optionsSetOnTheEventsComponentApplyToItsEndpoints() {
        AccsEventsComponent events = context.getComponent("accs-events", AccsEventsComponent.class);
        events.getConfiguration().setOrgId("OTHER@AdobeOrg");
        events.getConfiguration().setConnectTimeout(4_000);

        var effective = context.getEndpoint(JOURNAL, AccsEventsEndpoint.class).effective();

        assertEquals("OTHER@AdobeOrg", effective.getOrgId());
        assertEquals(4_000, effective.getConnectTimeout());
        assertEquals("accs-client", effective.getClientId());
    }
}
