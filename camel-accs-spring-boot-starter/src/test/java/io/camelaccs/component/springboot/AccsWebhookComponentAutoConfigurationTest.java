package io.camelaccs.component.springboot;

import java.security.KeyPairGenerator;
import java.security.PublicKey;

import io.camelaccs.webhook.AccsWebhookComponent;
import io.camelaccs.webhook.AccsWebhookConfiguration;
import io.camelaccs.webhook.AccsWebhookEndpoint;
import io.camelaccs.webhook.FallbackOperation;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** How camel.component.accs-webhook.* reaches the component and, as defaults, its endpoints. */
class AccsWebhookComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class,
                    AccsWebhookComponentAutoConfiguration.class));

    private static AccsWebhookComponent webhook(org.springframework.context.ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("accs-webhook", AccsWebhookComponent.class);
    }

    @Test
    void webhookPropertiesBindAndAreEveryEndpointsDefaults() throws Exception {
        PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        runner.withBean("commerceKey", PublicKey.class, () -> key)
                .withPropertyValues(
                        "camel.component.accs-webhook.public-key=#bean:commerceKey",
                        "camel.component.accs-webhook.reply-timeout=2s",
                        "camel.component.accs-webhook.fallback-operation=success",
                        "camel.component.accs-webhook.fallback-message=Please try again")
                .run(context -> {
                    AccsWebhookConfiguration conf = webhook(context).getConfiguration();
                    assertSame(key, conf.getPublicKey());
                    assertEquals(2000L, conf.getReplyTimeout());
                    assertEquals(FallbackOperation.SUCCESS, conf.getFallbackOperation());
                    AccsWebhookEndpoint endpoint = (AccsWebhookEndpoint) context.getBean(CamelContext.class)
                            .getEndpoint("accs-webhook:/hooks/x");
                    assertEquals("Please try again", endpoint.getConfiguration().getFallbackMessage());
                    assertSame(key, endpoint.getConfiguration().getPublicKey());
                });
    }
}
