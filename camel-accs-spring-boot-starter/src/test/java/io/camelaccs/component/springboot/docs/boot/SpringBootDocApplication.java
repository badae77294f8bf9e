package io.camelaccs.component.springboot.docs.boot;

import io.camelaccs.component.AccsComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** docs/spring-boot.md's beans, as the page writes them, in an application of their own. */
@SpringBootApplication
public class SpringBootDocApplication {

    // docs/spring-boot.md, the secret from a vault
    @Bean
    ComponentCustomizer accsCustomizer(MyVaultClient vault) {
        return ComponentCustomizer.builder(AccsComponent.class)
                .withOrder(10)
                .build(accs -> accs.getConfiguration().setClientSecret(vault.read("accs/client-secret")));
    }

    // docs/spring-boot.md, a second tenant
    @Bean("accsEu")
    AccsComponent accsEu(@Value("${ACCS_EU_TENANT_ID}") String tenant,
                         @Value("${ACCS_EU_CLIENT_ID}") String clientId,
                         @Value("${ACCS_EU_CLIENT_SECRET}") String clientSecret) {
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl("https://na1.api.commerce.adobe.com/" + tenant);
        accs.getConfiguration().setClientId(clientId);
        accs.getConfiguration().setClientSecret(clientSecret);
        return accs;
    }
}
