package io.camelaccs.test;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** Builds the WireMock responses the endpoints compute. */
final class Replies {

    static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    static ResponseDefinition json(int status, JsonNode body, int delayMillis, Map<String, String> headers) {
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", JSON).withBody(Json.bytes(body));
        headers.forEach(builder::withHeader);
        return delayed(builder, delayMillis).build();
    }

    static ResponseDefinition empty(int status, int delayMillis, Map<String, String> headers) {
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition().withStatus(status);
        headers.forEach(builder::withHeader);
        return delayed(builder, delayMillis).build();
    }

    static ResponseDefinition connectionReset(int delayMillis) {
        return delayed(ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER),
                delayMillis).build();
    }

    private static ResponseDefinitionBuilder delayed(ResponseDefinitionBuilder builder, int delayMillis) {
        return delayMillis > 0 ? builder.withFixedDelay(delayMillis) : builder;
    }
}
