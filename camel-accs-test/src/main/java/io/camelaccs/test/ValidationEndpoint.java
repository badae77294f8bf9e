package io.camelaccs.test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * WireMock extension answering the registration's {@code validationUrl} (I/O Events' fallback check when a webhook
 * cannot answer the challenge GET): a {@code GET} with an id the simulator handed out marks that registration as
 * validated.
 */
final class ValidationEndpoint extends StubEndpoint {

    static final String NAME = "accs-events-validation";
    static final String PATH = "/csm/registrations/validate";

    private final Set<String> issued;
    private final Set<String> validated;

    /** @param issued the ids handed out; @param validated where fetched ids go */
    ValidationEndpoint(Set<String> issued, Set<String> validated) {
        super(NAME, () -> 0);
        this.issued = issued;
        this.validated = validated;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        RequestTarget target = RequestTarget.of(request.getUrl(), PATH);
        List<String> ids = UrlCodec.decodeForm(target.rawQuery()).get("id");
        String id = ids == null || ids.isEmpty() ? null : ids.get(0);
        if (!target.fullRawPath().equals(PATH) || id == null || !issued.contains(id)) {
            return Replies.empty(404, 0, Map.of());
        }
        validated.add(id);
        return Replies.empty(200, 0, Map.of());
    }
}
