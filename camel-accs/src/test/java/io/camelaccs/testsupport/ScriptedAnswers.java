package io.camelaccs.testsupport;

import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/** WireMock answers for scripted failures: JSON bodies, Commerce's error statuses, and answers given in order. */
public final class ScriptedAnswers {

    private ScriptedAnswers() {
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An error status with a JSON message, as Commerce sends one. */
    public static ResponseDefinitionBuilder status(int status) {
        return json(status, "{\"message\":\"HTTP " + status + "\"}");
    }

    /**
     * Answers in order, one per request, in a scenario of its own (one per key, so keys used by different threads do
     * not interfere); the last answer repeats from then on.
     */
    public static void sequence(WireMockExtension wm, String scenario, Supplier<MappingBuilder> request,
                                ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : "answer-" + (i + 1);
            wm.stubFor(request.get().inScenario(scenario).whenScenarioStateIs(state).willReturn(answers[i])
                    .willSetStateTo(next));
            state = next;
        }
    }
}
