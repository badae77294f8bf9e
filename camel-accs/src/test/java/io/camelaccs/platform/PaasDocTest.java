package io.camelaccs.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/paas.md as a user follows it: the page's properties (with the simulator's shop URL and integration
 * credentials for the placeholders) and the page's route, run by Camel Main against the simulator as a PaaS shop.
 * The route below and the page's first Java snippet must stay the same text.
 */
@AccsSimulatorTest(products = 150, orders = 1, paas = true)
class PaasDocTest {

    private static final Path PAGE = Path.of("..", "docs", "paas.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "camelaccs", "platform", "PaasDocTest.java");

    @Test
    void thePagesPropertiesAndRouteRunAgainstAPaasShop(AccsSimulator sim) throws Exception {
        String page = Files.readString(PAGE);
        int at = page.indexOf("```properties\n") + 14;
        Properties props = new Properties();
        props.load(new java.io.StringReader(page.substring(at, page.indexOf("```", at))));
        assertEquals("https://shop.example.com/rest", props.getProperty("camel.component.accs.base-url"));
        props.setProperty("camel.component.accs.base-url", sim.baseUrl());
        props.setProperty("commerce.consumer-key", sim.paas().consumerKey());
        props.setProperty("commerce.consumer-secret", sim.paas().consumerSecret());
        props.setProperty("commerce.access-token", sim.paas().accessToken());
        props.setProperty("commerce.access-token-secret", sim.paas().accessTokenSecret());
        long refusedBefore = sim.paas().refusedSignatures();
        sim.resetCounters();

        Main main = new Main();
        main.setOverrideProperties(props);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                // docs/paas.md, first snippet
                from("timer:prices?repeatCount=1")
                    .to("accs:get:/V1/products?filter=updated_at gt '2020-01-01 00:00:00'&fetchAll=true&pageSize=100")
                    .split(body()).streaming()
                        .setHeader("sku", simple("${body[sku]}"))
                        .to("accs:get:/V1/products/{sku}?fields=sku,price")      // {sku} from the header of that name
                        .to("mock:prices");
                // end of the snippet
            }
        });
        try {
            main.start();
            MockEndpoint prices = main.getCamelContext().getEndpoint("mock:prices", MockEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> prices.getReceivedCounter() == sim.products().size());
            assertTrue(prices.getReceivedExchanges().get(0).getMessage().getBody(java.util.Map.class)
                    .containsKey("price"));
        } finally {
            main.stop();
        }
        assertEquals(sim.products().size(), sim.requests("GET", "/V1/products/"));
        assertEquals(0, sim.paas().refusedSignatures() - refusedBefore, "every request signed as the shop checks it");
    }

    @Test
    void theRouteIsThePagesFirstSnippet() throws Exception {
        String page = Files.readString(PAGE);
        int at = page.indexOf("```java\n") + 8;
        String block = page.substring(at, page.indexOf("```", at));
        String source = Files.readString(SOURCE);
        String route = source.substring(source.indexOf("// docs/paas.md, first snippet"),
                source.indexOf("// end of the snippet"));
        assertEquals(normalized(block), normalized(route.substring(route.indexOf('\n') + 1)));
    }

    private static String normalized(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
