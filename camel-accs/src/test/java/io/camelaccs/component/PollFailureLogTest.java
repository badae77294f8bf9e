package io.camelaccs.component;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Commerce outage makes every poll fail: the log shows the stack trace once, then one line per failed poll, and one
 * line when polling recovers.
 */
class PollFailureLogTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(
            c -> c.setMaxRetries(0), context -> ImsStubs.tokenIssued(wm, "tok-poll-failures", 86399));

    private static final String FAILED = "Failed polling endpoint: accs://get:/V1/orders";

    @Test
    void anOutageLogsOneStackTraceThenOneLinePerPollThenTheRecovery() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/t/V1/orders")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Service Unavailable\"}")));
        try (LogCapture log = new LogCapture()) {
            camel.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs:get:/V1/orders?incrementalField=updated_at&delay=10&initialDelay=0&syncId=orders")
                            .routeId("orders").log("${body}");
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("(failed poll 5 in a row"));
            wm.stubFor(get(urlPathEqualTo("/t/V1/orders")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"total_count\":0}")));
            await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("Polling /V1/orders recovered after"));
            int pollsAfterRecovery = wm.findAll(getRequestedFor(urlPathEqualTo("/t/V1/orders"))).size();
            await().atMost(20, TimeUnit.SECONDS)
                    .until(() -> wm.findAll(getRequestedFor(urlPathEqualTo("/t/V1/orders"))).size() >= pollsAfterRecovery + 3);
            camel.context().getRouteController().stopRoute("orders");

            // LogCapture may see an event once per logger config it is attached to: count distinct events
            List<String> events = Arrays.stream(log.text().split("\n(?=(TRACE|DEBUG|INFO|WARN|ERROR) )"))
                    .distinct().toList();
            long failedPolls = events.stream().filter(e -> e.startsWith("WARN ") && e.contains(FAILED)).count();
            long traces = events.stream().filter(e -> e.startsWith("WARN ") && e.contains(FAILED)
                                                      && e.contains("at io.camelaccs.component.AccsConsumer.poll(")).count();
            long oneLiners = events.stream().filter(e -> e.startsWith("WARN ") && e.contains(FAILED)
                                                         && e.contains("in a row; the first one's stack trace is logged above")
                                                         && !e.contains("\tat ")).count();
            assertTrue(failedPolls >= 5, String.join("\n", events));
            assertEquals(1, traces, "the stack trace is logged once for " + failedPolls + " failed polls");
            assertEquals(failedPolls - 1, oneLiners, "each later failed poll is one line");
            assertEquals(1, events.stream().filter(e -> e.startsWith("INFO ")
                                                        && e.contains("Polling /V1/orders recovered after " + failedPolls
                                                                      + " failed polls")).count(), "one recovery line");
        }
    }
}
