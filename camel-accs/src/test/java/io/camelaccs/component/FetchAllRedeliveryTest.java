package io.camelaccs.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.MulticastProcessor;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An export under Camel's error handling, as users configure it: a page of the search fails beyond the component's
 * own retries (maxRetries=2: three HTTP 503 in a row) and the route's error handler redelivers the split. Every one of
 * the 200 orders reaches the route at least once, or the exchange fails with the exception: never a success with
 * orders missing. Sequential and with parallelism=4.
 */
@AccsSimulatorTest(orders = 200, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class FetchAllRedeliveryTest {

    private static final Set<Long> ALL = LongStream.rangeClosed(1, 200).boxed()
            .collect(Collectors.toSet());

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private MockEndpoint start(AccsSimulator sim, RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        accs.getConfiguration().setMaxRetries(2);
        accs.getConfiguration().setRetryDelay(10);
        context.addComponent("accs", accs);
        context.addRoutes(routes);
        context.start();
        return context.getEndpoint("mock:x", MockEndpoint.class);
    }

    private static List<Long> ids(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream()
                .map(e -> ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue()).toList();
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }

    /** At the 30th order routed, Commerce answers the next {@code count} searches with HTTP 503. */
    private static void failSearchesAfter30(AccsSimulator sim, MockEndpoint mock, int count) {
        mock.whenExchangeReceived(30, e -> sim.faults().serverError(count, 503, "GET", "/V1/orders"));
    }

    @Test
    void aPageFailingBeyondTheRetriesIsResumedByTheDefaultErrorHandlersRedelivery(AccsSimulator sim) throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body()).streaming().to("mock:x");
            }
        });
        failSearchesAfter30(sim, mock, 3);

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        assertNull(done.getException());
        assertEquals(1, done.getIn().getHeader(Exchange.REDELIVERY_COUNTER), "the split was redelivered once");
        assertEquals(ALL, Set.copyOf(ids(mock)), "every order reaches the route");
        assertTrue(ids(mock).size() <= 201, "the item taken last before the failure at most twice: " + ids(mock).size());
    }

    @Test
    void aStopOnExceptionSplitResumesToo(AccsSimulator sim) throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body()).streaming().stopOnException().to("mock:x");
            }
        });
        failSearchesAfter30(sim, mock, 3);

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        assertNull(done.getException());
        assertEquals(ALL, Set.copyOf(ids(mock)));
    }

    @Test
    void aDeadLetterChannelWithRedeliveriesGetsEveryOrderToTheRouteAndNothingToTheDeadLetters(AccsSimulator sim)
            throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body()).streaming().to("mock:x");
            }
        });
        failSearchesAfter30(sim, mock, 3);

        context.createProducerTemplate().send("direct:export", e -> { });

        assertEquals(ALL, Set.copyOf(ids(mock)));
        assertEquals(0, context.getEndpoint("mock:dead", MockEndpoint.class).getReceivedCounter());
    }

    @Test
    void aPageThatKeepsFailingFailsTheExchangeAfterTheRedeliveries(AccsSimulator sim) throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body()).streaming().to("mock:x");
            }
        });
        failSearchesAfter30(sim, mock, 1000);

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        assertNotNull(done.getException(), "a failure, not a success with orders missing");
        assertTrue(causes(done.getException()).contains("HTTP 503"), causes(done.getException()));
        assertEquals(2, done.getIn().getHeader(Exchange.REDELIVERY_COUNTER));
        assertEquals(List.copyOf(new TreeSet<>(ids(mock))), ids(mock), "nothing twice, in order");
    }

    @Test
    void withADeadLetterChannelAPageThatKeepsFailingSendsTheExportToTheDeadLetters(AccsSimulator sim)
            throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body()).streaming().to("mock:x");
            }
        });
        failSearchesAfter30(sim, mock, 1000);

        context.createProducerTemplate().send("direct:export", e -> { });

        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);
        assertEquals(1, dead.getReceivedCounter());
        Exception caught = dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertTrue(causes(caught).contains("HTTP 503"), causes(caught));
        assertTrue(ids(mock).size() < 200);
    }

    @Test
    void withParallelismEachRangeResumesAfterTheLastOrderTakenFromIt(AccsSimulator sim) throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                // Commerce is back by the time Camel redelivers
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0)
                        .onRedelivery(e -> sim.faults().clear()));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true&parallelism=4")
                        .split(body()).streaming().to("mock:x");
            }
        });
        // from the first order routed on, until the redelivery: each range has pages left to fetch
        mock.whenExchangeReceived(1, e -> sim.faults().serverError(10_000, 503, "GET", "/V1/orders"));

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        assertNull(done.getException());
        assertEquals(1, done.getIn().getHeader(Exchange.REDELIVERY_COUNTER), "the split was redelivered once");
        assertEquals(ALL, Set.copyOf(ids(mock)), "every order reaches the route");
        assertTrue(ids(mock).size() <= 201, "the order taken last at most twice: " + ids(mock).size());
    }

    @Test
    void withParallelismAPageThatKeepsFailingFailsTheExchange(AccsSimulator sim) throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true&parallelism=4")
                        .split(body()).streaming().stopOnException().to("mock:x");
            }
        });
        mock.whenExchangeReceived(1, e -> sim.faults().serverError(10_000, 503, "GET", "/V1/orders"));

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        assertNotNull(done.getException(), "a failure, not a success with orders missing");
        assertTrue(causes(done.getException()).contains("HTTP 503"), causes(done.getException()));
        assertTrue(Set.copyOf(ids(mock)).size() < 200);
    }

    @Test
    void aSplitWithoutStreamingFailsRatherThanSkipTheOrdersItTookBeforeTheFailure(AccsSimulator sim)
            throws Exception {
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        // Commerce fails the next page, once beyond the retries
                        .process(e -> sim.faults().serverError(3, 503, "GET", "/V1/orders"))
                        .split(body()).to("mock:x");
            }
        });

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        // without streaming() the split takes every order before routing any: those taken went with the failure
        assertNotNull(done.getException(), "a failure, not a success without the first page");
        assertTrue(causes(done.getException()).contains("streaming()"), causes(done.getException()));
        assertEquals(0, mock.getReceivedCounter());
    }

    @Test
    void aSplitRedeliveredAfterEveryOrderWentOutFailsRatherThanSucceedWithNothing(AccsSimulator sim)
            throws Exception {
        AtomicInteger aggregated = new AtomicInteger();
        // the split's aggregation fails once, after the last order: Camel redelivers the split
        AggregationStrategy summary = (oldExchange, newExchange) -> {
            if (aggregated.incrementAndGet() == 200) {
                throw new IllegalStateException("the export summary could not be written");
            }
            return newExchange;
        };
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body(), summary).streaming().to("mock:x");
            }
        });

        Exchange done = context.createProducerTemplate().send("direct:export", e -> { });

        assertEquals(200, mock.getReceivedCounter());
        assertNotNull(done.getException(), "a failure, not a success of a walk that yielded nothing");
        assertTrue(causes(done.getException()).contains("handed out all 200 items"), causes(done.getException()));
    }

    @Test
    void anOrderRedeliveredWithinASplitThatAggregatesIsNoWalkAgain(AccsSimulator sim) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        // the split keeps the last order: the exchange takes that order's message, its redelivery headers included
        AggregationStrategy last = (oldExchange, newExchange) -> newExchange;
        MockEndpoint mock = start(sim, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:export").to("accs:get:/V1/orders?pageSize=20&fetchAll=true")
                        .split(body(), last).streaming()
                            .process(e -> {
                                Number id = (Number) e.getMessage().getBody(Map.class).get("entity_id");
                                if (id.intValue() == 200 && failures.incrementAndGet() == 1) {
                                    throw new IllegalStateException("the warehouse is busy");
                                }
                            })
                            .to("mock:x");
            }
        });

        List<String> warnings = new CopyOnWriteArrayList<>();
        Exchange done = withWarningsOf(MulticastProcessor.class, warnings,
                () -> context.createProducerTemplate().send("direct:export", e -> { }));

        assertNull(done.getException());
        assertEquals(ALL, Set.copyOf(ids(mock)));
        // the splitter's drain after the split, with the last order's redelivery headers on the exchange
        assertEquals(List.of(), warnings);
    }

    /** Runs the action with the WARN lines of one logger collected. */
    private static <T> T withWarningsOf(Class<?> logger, List<String> warnings, Supplier<T> action) {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        Configuration config = logs.getConfiguration();
        AbstractAppender appender = new AbstractAppender("warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                warnings.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerConfig only = new LoggerConfig(logger.getName(), Level.WARN, true);
        only.addAppender(appender, Level.WARN, null);
        config.addLogger(logger.getName(), only);
        logs.updateLoggers();
        try {
            return action.get();
        } finally {
            config.removeLogger(logger.getName());
            logs.updateLoggers();
            appender.stop();
        }
    }
}
