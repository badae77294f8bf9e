package io.camelaccs.component.springboot.app;

import java.nio.file.Files;
import java.nio.file.Path;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.SpringProperties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spring Boot events recipe of docs/testing-your-routes.md: the simulator's journal URL handed to a route as a
 * placeholder by the test kit's {@link SpringProperties}, and a product saved in the simulator reaching it.
 */
@SpringBootTest(classes = { StarterTestApplication.class, SimulatorEventsApplicationTest.Mirror.class },
                webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SimulatorEventsApplicationTest {

    // docs/testing-your-routes.md, Spring Boot events
    static final AccsSimulator SIMULATOR = AccsSimulator.builder().products(50).build().start();

    @DynamicPropertySource
    static void accsSettings(DynamicPropertyRegistry registry) {
        SpringProperties.register(SIMULATOR, registry::add);
        SIMULATOR.events().retryAfterSeconds(1);   // caught up, the route asks again after 1 s (I/O Events says 10)
    }

    @TestConfiguration
    static class Mirror {
        @Bean
        RouteBuilder mirror() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs-events:journal?journalUrl={{accs.simulator.journal-url}}&initialDelay=0&delay=200")
                            .routeId("mirror").to("mock:mirror");
                }
            };
        }
    }

    @Autowired
    org.apache.camel.CamelContext context;

    @Test
    void aProductSavedInTheSimulatorReachesTheRoute() throws Exception {
        MockEndpoint mirror = context.getEndpoint("mock:mirror", MockEndpoint.class);
        mirror.expectedHeaderReceived("CamelAccsEventType", "com.adobe.commerce.observer.catalog_product_save_commit_after");

        SIMULATOR.products().update("24-MB01", p -> p.put("name", "Joust Duffle Bag II"));

        mirror.assertIsSatisfied(10_000);
    }
    // end of the snippet

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void thePageShowsThisRecipe() throws Exception {
        String source = Files.readString(Path.of("src", "test", "java", "io", "camelaccs", "component", "springboot",
                "app", "SimulatorEventsApplicationTest.java"));
        String snippet = source.substring(source.indexOf("    static final AccsSimulator"),
                source.indexOf("    // end of the snippet")).stripTrailing();
        String page = Files.readString(Path.of("..", "docs", "testing-your-routes.md"));
        assertTrue(page.contains(snippet), "docs/testing-your-routes.md shows\n" + snippet);
    }
}
