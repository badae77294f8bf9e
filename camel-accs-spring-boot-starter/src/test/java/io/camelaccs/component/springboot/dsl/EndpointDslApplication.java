package io.camelaccs.component.springboot.dsl;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose only routes are written with the Endpoint DSL (CatalogRoutes, found by scanning). */
@SpringBootApplication
public class EndpointDslApplication {
}
