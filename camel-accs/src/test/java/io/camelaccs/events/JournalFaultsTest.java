package io.camelaccs.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.testsupport.FakeJournal;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a journal sends that it should not, met as a route meets it: entries that are not events (with a customer's
 * data in them), a position past the retention with since=latest, and a Link header with relations besides next.
 */
class JournalFaultsTest {

    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final String CUSTOMER = "jane.doe@example.com";
    static final FakeJournal journal = new FakeJournal();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(journal)).build();

    @TempDir
    Path dir;

    private CamelContext context;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Exchange> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stubs() {
        journal.reset();
        ImsStubs.tokenIssued(wm, "tok-faults", 86399);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private String journalUri(String options) {
        return "accs-events:journal?journalUrl=" + wm.baseUrl() + FakeJournal.PATH + "&initialDelay=0&delay=20"
               + (options.isEmpty() ? "" : "&" + options);
    }

    private void start(String uri, boolean deadLetterChannel) throws Exception {
        context = new DefaultCamelContext();
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setImsUrl(wm.baseUrl());
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        accs.getConfiguration().setOrgId(ORG_ID);
        context.getRegistry().bind("state", FileStateRepository.fileStateRepository(dir.resolve("positions").toFile()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (deadLetterChannel) {
                    errorHandler(deadLetterChannel("direct:dead"));
                    from("direct:dead").routeId("dead").process(deadLetters::add);
                }
                from(uri).routeId("events")
                        .process(e -> seen.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
            }
        });
        HealthProbe.enable(context);
        context.start();
    }

    private static String event(String id) {
        return "{\"specversion\":\"1.0\",\"id\":\"ce-" + id + "\",\"event_id\":\"" + id + "\",\"type\":\"" + SAVE
               + "\",\"time\":\"2026-11-28T10:00:00Z\",\"data\":{\"value\":{\"sku\":\"24-MB01\"}}}";
    }

    private List<String> journalAsked() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest().getUrl())
                .filter(u -> u.startsWith(FakeJournal.PATH)).toList();
    }

    @Test
    void entriesThatAreNotEventsGoToTheDeadLetterChannelWithoutTheirContentAndTheJournalMovesOn() throws Exception {
        String page = "{\"events\":["
                      + "{\"position\":\"p1\",\"event\":" + event("e1") + "},"
                      + "{\"position\":\"p2\",\"event\":[\"" + CUSTOMER + "\",\"4111 1111 1111 1111\"]},"
                      + "\"" + CUSTOMER + "\","
                      + "{\"event\":{\"customer_email\":\"" + CUSTOMER + "\"}},"
                      + "{\"position\":\"p5\",\"event\":" + event("e5") + "}"
                      + "],\"_page\":{\"last\":\"p5\",\"count\":5}}";
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withQueryParam("since", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("Link", "<" + FakeJournal.PATH + "?since=p5>; rel=\"next\"").withBody(page)));
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withQueryParam("since", equalTo("p5"))
                .willReturn(aResponse().withStatus(204).withHeader("retry-after", "5")));
        String shown;
        String logs;
        try (LogCapture log = new LogCapture()) {
            start(journalUri("stateRepository=#state&syncId=catalog"), true);

            await().atMost(Duration.ofSeconds(10)).until(() -> journalAsked().stream().anyMatch(u -> u.contains("since=p5")));
            DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("accs-events");
            shown = console.call(DevConsole.MediaType.TEXT) + " " + HealthProbe.text(HealthProbe.of(context, "events"));
            context.stop();
            logs = log.text();
        }

        assertEquals(List.of("e1", "e5"), seen, "the events around them reach the route, in order");
        assertEquals(3, deadLetters.size(), "each entry that is not an event, once");
        List<String> problems = deadLetters.stream()
                .map(e -> e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).toList();
        assertTrue(problems.get(0).startsWith("AccsEventsException: The journal entry at position p2 of "),
                problems.get(0));
        assertTrue(problems.get(0).contains("its event is an array, not a JSON object"), problems.get(0));
        assertTrue(problems.get(1).contains("after position p2 (it has none)") && problems.get(1).contains("a string"),
                problems.get(1));
        assertTrue(problems.get(2).contains("it has no position"), problems.get(2));
        assertEquals("p2", deadLetters.get(0).getMessage().getHeader(AccsEventsConstants.EVENT_POSITION));
        for (String text : List.of(problems.toString(), shown, logs)) {
            assertFalse(text.contains(CUSTOMER), () -> "customer data shown: " + text);
        }
        FileStateRepository state = FileStateRepository.fileStateRepository(dir.resolve("positions").toFile());
        state.start();
        assertEquals("p5", state.getState(JournalConsumer.stateKey("catalog", wm.baseUrl() + FakeJournal.PATH)));
    }

    @Test
    void aPageThatIsNotJsonFailsThePollWithoutQuotingIt() throws Exception {
        // a value left unquoted: a JSON parser's own message would quote it
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"events\":[{\"position\":\"p1\",\"event\":"
                                                                         + "{\"name\": JaneDoeVisa4111111111111111}}]}")));
        start(journalUri(""), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> ((JournalConsumer) context.getRoute("events").getConsumer())
                .metrics().lastError() != null);
        String error = ((JournalConsumer) context.getRoute("events").getConsumer()).metrics().lastError();
        assertTrue(error.startsWith("The journal answered 200 with a body that is not JSON (line 1, column"), error);
        assertFalse(error.contains("JaneDoe"), error);
        assertFalse(HealthProbe.text(HealthProbe.of(context, "events")).contains("JaneDoe"));
    }

    @Test
    void expiredPositionWithSinceLatestGoesOnFromTheLatestEventNotTheOldest() throws Exception {
        for (int i = 1; i <= 30; i++) {
            journal.append(FakeJournal.event(String.format("e%04d", i), SAVE));
        }
        journal.expireBefore(10);
        journal.retryAfter("0");
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).willReturn(aResponse().withTransformers(FakeJournal.NAME)));
        FileStateRepository state = FileStateRepository.fileStateRepository(dir.resolve("positions").toFile());
        state.start();
        state.setState(JournalConsumer.stateKey("catalog", wm.baseUrl() + FakeJournal.PATH), "pos-00003");
        state.stop();
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            start(journalUri("stateRepository=#state&syncId=catalog&since=latest"), false);
            await().atMost(Duration.ofSeconds(5)).until(() -> journal.requests().size() >= 2);
            journal.append(FakeJournal.event("e0031", SAVE));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 1);
            errors = log.linesOf(JournalConsumer.class.getName()).stream().filter(l -> l.level().equals("ERROR"))
                    .map(LogCapture.Line::text).toList();
        }

        assertEquals(List.of("e0031"), seen, "none of the events kept before now: since=latest");
        assertEquals("pos-00003", journal.requests().get(0).since());
        assertTrue(journal.requests().get(1).url().contains("latest=true"), journal.requests().get(1).url());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("LOST") && errors.get(0).contains("reading again from the latest event"),
                errors.get(0));
    }

    @Test
    void onlyTheNextRelationIsFollowedNotNextArchive() throws Exception {
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withQueryParam("since", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("Link", "<" + FakeJournal.PATH + "?since=archive-1>; rel=\"next-archive\"")
                        .withHeader("Link", "<" + FakeJournal.PATH + "?since=p1>; title=\"older, then newer\"; rel=\"next\"")
                        .withBody("{\"events\":[{\"position\":\"p1\",\"event\":" + event("e1") + "}]}")));
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withQueryParam("since", equalTo("archive-1"))
                .willReturn(aResponse().withStatus(500)));
        wm.stubFor(get(urlPathEqualTo(FakeJournal.PATH)).withQueryParam("since", equalTo("p1"))
                .willReturn(aResponse().withStatus(204).withHeader("retry-after", "5")));
        start(journalUri(""), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> journalAsked().stream().anyMatch(u -> u.contains("since=p1")));
        assertEquals(List.of("e1"), seen);
        assertTrue(journalAsked().stream().noneMatch(u -> u.contains("archive")), journalAsked().toString());
    }
}
