package io.camelaccs.component.springboot.dsl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.RecordedRequest;
import io.camelaccs.test.SpringProperties;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/spring-boot.md, "The Endpoint DSL": the page's route class (CatalogRoutes, the same text) in a Spring Boot
 * application with the starter and camel-endpointdsl, configured by properties, against the simulator.
 */
@SpringBootTest(classes = EndpointDslApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EndpointDslDocTest {

    private static final Path PAGE = Path.of("..", "docs", "spring-boot.md");
    private static final Path ROUTES = Path.of("src", "test", "java", "io", "camelaccs", "component", "springboot", "dsl",
            "CatalogRoutes.java");

    static final AccsSimulator SIMULATOR = AccsSimulator.builder().products(50).build().start();

    @DynamicPropertySource
    static void accsSettings(DynamicPropertyRegistry registry) {
        SpringProperties.register(SIMULATOR, registry::add);
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Autowired
    ProducerTemplate template;

    @Test
    void theBuiltEndpointReadsAProduct() {
        Map<?, ?> product = assertInstanceOf(Map.class,
                template.requestBodyAndHeader("direct:price", null, "sku", "24-MB01"));

        assertEquals("Joust Duffle Bag", product.get("name"));
        assertEquals("default", SIMULATOR.lastRequest("GET", "/V1/products/24-MB01").header("Store"));
    }

    @Test
    void theBuiltSearchFiltersWithTheRawLikeAndWalksEveryPage() {
        Object body = template.requestBody("direct:bags", (Object) null);

        // the split's result is its input: the walked iterator
        assertTrue(body instanceof Iterator<?> it && !it.hasNext(), String.valueOf(body));
        RecordedRequest search = SIMULATOR.requestLog().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/V1/products")).reduce((a, b) -> b).orElseThrow();
        Map<String, List<String>> query = search.queryParameters();
        assertEquals(List.of("sku"), query.get("searchCriteria[filter_groups][0][filters][0][field]"), query.toString());
        assertEquals(List.of("24-MB%"), query.get("searchCriteria[filter_groups][0][filters][0][value]"));
        assertEquals(List.of("like"), query.get("searchCriteria[filter_groups][0][filters][0][condition_type]"));
    }

    @Test
    void theClassIsTheOneThePageShows() throws Exception {
        String page = Files.readString(PAGE);
        int at = page.indexOf("```java\n", page.indexOf("## The Endpoint DSL")) + 8;
        String block = page.substring(at, page.indexOf("```", at)).strip();
        String source = Files.readString(ROUTES);
        assertEquals(block, source.substring(source.indexOf("@Component"), source.lastIndexOf('}') + 1).strip());
        assertTrue(page.contains("<artifactId>camel-endpointdsl</artifactId>"), "the page names the artifact");
    }
}
