package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * WireMock listener that records every request into the {@link RequestLog}. It records before matching, so that a
 * count is up to date by the time the client has the response (recording after completion would race with it).
 */
final class RequestRecorder implements ServeEventListener {

    static final String NAME = "accs-request-recorder";
    static final String TOKEN_PATH = "/ims/token/v3";

    private final RequestLog log;
    private final Function<String, RequestTarget> targets;
    private final Clock clock;

    RequestRecorder(RequestLog log, String tenantPath, Clock clock) {
        this(log, url -> RequestTarget.of(url, tenantPath), clock);
    }

    /** @param targets how a URL splits into the platform's prefix and the Commerce path */
    RequestRecorder(RequestLog log, Function<String, RequestTarget> targets, Clock clock) {
        this.log = log;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
        Request request = serveEvent.getRequest();
        RequestTarget target = targets.apply(request.getUrl());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), List.copyOf(header.values()));
        }
        byte[] body = request.getBody();
        String method = request.getMethod().getName();
        String path = target.isCommerce() ? target.rawPath() : target.fullRawPath();
        String decoded = target.isCommerce() ? target.decodedPath() : target.fullDecodedPath();
        RecordedRequest recorded = new RecordedRequest(clock.instant(), method, path, decoded, target.rawQuery(),
                Collections.unmodifiableMap(headers), body == null ? "" : new String(body, StandardCharsets.UTF_8));
        log.add(recorded, method.equals("POST") && target.fullRawPath().equals(TOKEN_PATH));
    }
}
