package io.camelaccs.component.springboot.webhook;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application of docs/webhooks.md's Spring Boot snippet: the starter, platform-http's, and one route bean. */
@SpringBootApplication
public class WebhookDocApplication {
}
