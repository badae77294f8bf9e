package io.camelaccs.test;

import java.util.function.IntSupplier;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A simulated endpoint as WireMock runs it: a response transformer that computes the whole answer of the stubs that
 * name it, delayed by its service's injected latency. Subclasses keep only their protocol, in
 * {@link #answer(Request, int)}.
 */
abstract class StubEndpoint implements ResponseDefinitionTransformerV2 {

    private final String name;
    private final IntSupplier latencyMillis;

    /**
     * @param name          what the stubs of {@link AccsSimulator} pass to {@code withTransformers}
     * @param latencyMillis the {@link FaultPlan} latency of the service the endpoint belongs to (Commerce or IMS),
     *                      read again for each request, as a test may change it at any time
     */
    StubEndpoint(String name, IntSupplier latencyMillis) {
        this.name = name;
        this.latencyMillis = latencyMillis;
    }

    @Override
    public final String getName() {
        return name;
    }

    /**
     * Never applied globally: an endpoint answers only the stubs that name it, so it stays out of the other
     * endpoints' requests and of any stub a test adds itself.
     */
    @Override
    public final boolean applyGlobally() {
        return false;
    }

    @Override
    public final ResponseDefinition transform(ServeEvent serveEvent) {
        return answer(serveEvent.getRequest(), latencyMillis.getAsInt());
    }

    /**
     * The response to one request, faults included.
     *
     * @param delay the injected latency in milliseconds, for every response built (errors and faults too)
     */
    abstract ResponseDefinition answer(Request request, int delay);
}
