package io.camelaccs.component;

import java.util.Set;

import io.camelaccs.rest.CommerceClient;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.camel.support.http.HttpUtil;

/**
 * The default header filter of {@code accs:} endpoints, in the shape of camel-http's {@code HttpHeaderFilterStrategy}:
 * names compared in lower case; {@code Camel*} headers never leave the route and never come in from a response; HTTP
 * hop-by-hop, framing and content headers are never sent (the HTTP client and the component write them); nor are
 * the headers the component sets itself ({@code Authorization}, {@code x-api-key}, {@code x-gw-ims-org-id},
 * {@code Store}, {@code Accept}, {@code Content-Type}), so a message header can never replace the credentials.
 * <p>
 * The filter only ever removes: which message headers are sent at all is chosen by the endpoint option
 * {@code requestHeaders}, which response headers are copied back by {@code responseHeaders}. To filter more, extend
 * this class (or configure a {@link DefaultHeaderFilterStrategy}) and give it as option {@code headerFilterStrategy};
 * the component's own headers and the framing headers stay protected whatever the strategy says.
 */
public class AccsHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    /** Hop-by-hop (RFC 9110 section 7.6.1) and transport headers the HTTP client manages itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "host", "content-length", "content-encoding", "accept-encoding", "expect");

    public AccsHeaderFilterStrategy() {
        initialize();
    }

    protected void initialize() {
        Set<String> out = getOutFilter();
        HttpUtil.addCommonFilters(out);
        out.addAll(HOP_BY_HOP);
        out.addAll(CommerceClient.OWN_HEADERS);
        // Proxy-Authorization, Proxy-Authenticate and any other proxy-* header belong to the hop, not to Commerce
        setOutFilterPattern("(?i)proxy-.*");
        setLowerCase(true);
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }
}
