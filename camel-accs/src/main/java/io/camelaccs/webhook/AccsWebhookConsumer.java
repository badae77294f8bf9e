package io.camelaccs.webhook;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.camelaccs.inbound.RawBody;
import io.camelaccs.inbound.RejectionLog;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Commerce's webhook calls through Camel's {@code platform-http}. A call is checked on its raw bytes before
 * anything reaches the route: too large 413, unsigned or forged (or without the IMS token asked for) 401, not a JSON
 * object 400. A verified call runs the route on an exchange of its own, on a thread of this consumer's pool, and is
 * always answered 200 with operations (Commerce applies its own fallback to anything else): the route's, validated;
 * an {@link AccsWebhookException}'s message; {@code fallbackMessage} for any other failure or invalid answer; or
 * {@code fallbackOperation} when the route is later than {@code replyTimeout}, whose late answer is then only logged.
 */
final class AccsWebhookConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AccsWebhookConsumer.class);
    /** Routes answering at once; more wait for nothing: Commerce is answered the fallback. */
    static final int MAX_RUNNING = 200;

    private final AccsWebhookConfiguration conf;
    private final String path;
    private final WebhookMetrics metrics = new WebhookMetrics();
    private final Clock clock = Clock.systemUTC();
    private CommerceSignature signature;
    private ImsBearerToken imsToken;
    private RejectionLog refusals;
    /** The exception answer with fallbackMessage, and what a late or refused call is answered. */
    private String refusal;
    private String fallback;
    private ExecutorService routes;
    private Consumer http;
    private HookSubscriber subscriber;

    AccsWebhookConsumer(AccsWebhookEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.conf = endpoint.getConfiguration();
        this.path = endpoint.getPath();
    }

    @Override
    public AccsWebhookEndpoint getEndpoint() {
        return (AccsWebhookEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (conf.isVerifySignature()) {
            signature = new CommerceSignature(getEndpoint().publicKey());
        } else {
            LOG.warn("accs-webhook:{} has verifySignature=false: its calls are not checked, and anyone who can reach the"
                     + " URL can run the route and have Commerce apply its answer. Only for a development Commerce"
                     + " with webhook signing off.", path);
        }
        imsToken = conf.isRequireImsToken() ? new ImsBearerToken(conf.getImsClientId(), Clock.systemUTC()) : null;
        // both answers are the same for every call: built once (the fallback matters most when the pool is full)
        refusal = WebhookAnswer.exception(conf.getFallbackMessage());
        fallback = conf.getFallbackOperation() == FallbackOperation.SUCCESS ? WebhookAnswer.SUCCESS : refusal;
        refusals = new RejectionLog(LOG, clock, path);
        // no queue: a call that finds every thread busy is answered the fallback at once rather than waiting in line
        ThreadPoolProfile profile = new ThreadPoolProfile("AccsWebhook");
        profile.setPoolSize(Math.min(10, MAX_RUNNING));
        profile.setMaxPoolSize(MAX_RUNNING);
        profile.setMaxQueueSize(0);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        routes = getEndpoint().getCamelContext().getExecutorServiceManager().newThreadPool(this, "AccsWebhook", profile);
        // the body stays bytes: the signature is over them
        Endpoint platformHttp = getEndpoint().getCamelContext().getEndpoint(
                "platform-http:" + path + "?httpMethodRestrict=POST&populateBodyWithForm=false");
        http = platformHttp.createConsumer(this::answer);
        ServiceHelper.startService(http);
        getEndpoint().getComponent().register(this);
        LOG.info("Answering Commerce webhooks at {} (platform-http)", path);
        if (conf.isSubscribe()) {
            // once the route can answer: a required hook subscribed earlier would fail Commerce's operations
            subscriber = new HookSubscriber(getEndpoint().getCamelContext(), getEndpoint().subscription(), path,
                    conf.getAccsComponent());
            try {
                subscriber.subscribe();
            } catch (RuntimeException e) {
                getEndpoint().getComponent().unregister(this);
                subscriber.close();
                subscriber = null;
                ServiceHelper.stopAndShutdownService(http);
                http = null;
                throw e;
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (subscriber != null) {
            // first: Commerce stops calling before the route stops answering
            if (conf.isUnsubscribeOnStop()) {
                subscriber.unsubscribe();
            }
            subscriber.close();
            subscriber = null;
        }
        ServiceHelper.stopAndShutdownService(http);
        http = null;
        getEndpoint().getComponent().unregister(this);
        if (routes != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(routes);
            routes = null;
        }
        super.doStop();
    }

    /** Answers one HTTP request on platform-http's exchange; the route runs on an exchange of its own. */
    private void answer(Exchange httpExchange) {
        Message in = httpExchange.getMessage();
        byte[] raw;
        try {
            raw = RawBody.read(in, conf.getMaxBodySize());
        } catch (RawBody.TooLargeException e) {
            refuse(in, 413, e.getMessage());
            return;
        } catch (IOException e) {
            refuse(in, 400, "Unreadable body");
            return;
        }
        if (signature != null && !signature.verifies(raw, header(in, CommerceSignature.HEADER))) {
            refuse(in, 401, header(in, CommerceSignature.HEADER) == null ? "unsigned" : "signature does not verify");
            return;
        }
        if (imsToken != null) {
            String why = imsToken.refusal(header(in, "Authorization"));
            if (why != null) {
                refuse(in, 401, why);
                return;
            }
        }
        Object payload;
        try {
            payload = raw.length == 0 ? null : WebhookAnswer.JSON.readValue(raw, Object.class);
        } catch (IOException e) {
            payload = null;
        }
        if (!(payload instanceof Map<?, ?> map)) {
            refuse(in, 400, "Expected a JSON object");
            return;
        }
        String json = run(routeExchange(in, map), map);
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(json);
    }

    private Exchange routeExchange(Message in, Map<?, ?> payload) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        for (Map.Entry<String, Object> h : in.getHeaders().entrySet()) {
            // the route sees what Commerce sent (a subscription's own headers included), but not its credentials
            if (!h.getKey().equalsIgnoreCase("Authorization") && !h.getKey().startsWith("Camel")) {
                message.setHeader(h.getKey(), h.getValue());
            }
        }
        Object eventName = payload.get("eventName");
        String method = conf.getWebhookMethod();
        if (eventName instanceof String name) {
            message.setHeader(AccsWebhookConstants.EVENT_NAME, name);
            if (method == null && (name.startsWith("observer.") || name.startsWith("plugin."))) {
                method = name;
            }
        }
        if (method != null) {
            message.setHeader(AccsWebhookConstants.WEBHOOK_METHOD, method);
        }
        if (conf.getHookName() != null) {
            message.setHeader(AccsWebhookConstants.WEBHOOK_HOOK, conf.getHookName());
        }
        message.setBody(payload);
        return exchange;
    }

    /** Runs the route and waits for it at most replyTimeout; the answer's JSON, whatever happened. */
    private String run(Exchange exchange, Object payload) {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            routes.execute(() -> {
                try {
                    getAsyncProcessor().process(exchange, sync -> done.complete(exchange));
                } catch (Throwable e) {
                    exchange.setException(e);
                    done.complete(exchange);
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.busy();
            LOG.warn("accs-webhook:{}: {} calls are being answered already; this one was answered {}", path, MAX_RUNNING,
                    conf.getFallbackOperation());
            return fallback;
        }
        try {
            Exchange completed = done.get(conf.getReplyTimeout(), TimeUnit.MILLISECONDS);
            return answerOf(completed, payload, true);
        } catch (TimeoutException e) {
            metrics.late();
            // the operations only: their values are the shopper's data (a cart, an address)
            done.thenAccept(late -> LOG.warn("accs-webhook:{}: the route answered {} ms after the call, later than"
                                             + " replyTimeout ({} ms); Commerce had been answered {}. The late answer's"
                                             + " operations: {}",
                    path, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), conf.getReplyTimeout(),
                    conf.getFallbackOperation(), WebhookAnswer.operationsOf(answerOf(late, payload, false))));
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (ExecutionException e) {
            // done is only ever completed normally
            throw new IllegalStateException(e);
        }
    }

    /** @param sent whether the answer goes to Commerce (counted), or is a late one only logged */
    private String answerOf(Exchange exchange, Object payload, boolean sent) {
        Object body = exchange.getMessage().getBody();
        Exception failure = exchange.getException();
        if (failure == null && body == payload) {
            // an onException(...).handled(true) that set no answer must not turn a refusal into a success
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        }
        if (failure != null || exchange.isRollbackOnly()) {
            AccsWebhookException mine = failure == null ? null
                    : ObjectHelper.getException(AccsWebhookException.class, failure);
            if (mine != null) {
                if (sent) {
                    metrics.routeException(clock.instant());
                }
                return WebhookAnswer.exception(mine.getMessage());
            }
            if (sent) {
                metrics.fallbackOnError(clock.instant());
            }
            LOG.debug("accs-webhook:{}: the route failed; Commerce is answered fallbackMessage", path, failure);
            return refusal;
        }
        if (body == payload) {
            // the route left the payload as it came: it had nothing to change
            if (sent) {
                metrics.answered(clock.instant());
            }
            return WebhookAnswer.SUCCESS;
        }
        try {
            String json = WebhookAnswer.json(body);
            if (sent) {
                metrics.answered(clock.instant());
            }
            return json;
        } catch (IllegalArgumentException mistake) {
            if (sent) {
                metrics.invalidOperation(clock.instant());
            }
            LOG.warn("accs-webhook:{}: the route answered an invalid operation ({}); Commerce is answered exception with"
                     + " fallbackMessage instead", path, mistake.getMessage());
            return refusal;
        }
    }

    /** @param why this class's own words, never a value the sender chose: it is shown in health and JMX */
    private void refuse(Message in, int status, String why) {
        metrics.rejected(status + ": " + why, clock.instant());
        refusals.refused("Call refused (" + status + "): " + why);
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        in.setHeader("X-Content-Type-Options", "nosniff");
        in.setBody(status == 401 ? "Unauthorized" : status == 413 ? "Request body too large" : "Bad request");
    }

    WebhookMetrics metrics() {
        return metrics;
    }

    String getPath() {
        return path;
    }

    private static String header(Message in, String name) {
        // Camel's message headers ignore case, as HTTP's do
        return in.getHeader(name, String.class);
    }
}
