package io.camelaccs.component;

import java.time.Clock;

import io.camelaccs.ims.FixedTokenProvider;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.platform.BearerAuthorizer;
import io.camelaccs.platform.ImsBearerAuthorizer;
import io.camelaccs.platform.OAuth1Signer;
import io.camelaccs.platform.Platform;
import io.camelaccs.rest.RequestAuthorizer;

/**
 * How an endpoint's requests are authenticated, chosen once when it starts from its platform and authenticationType:
 * what goes on each request ({@link RequestAuthorizer}), and where its tokens come from (the component's shared
 * cache, a fixed token of the configuration, or a caller's token per exchange).
 *
 * @param authorizer  sets the authentication headers of each attempt
 * @param cached      whether tokens come from the component's token cache (IMS grants, PaaS admin tokens)
 * @param fixedTokens the configuration's own token (an integration's access token), or null
 */
record Authentication(RequestAuthorizer authorizer, boolean cached, TokenProvider fixedTokens) {

    static Authentication of(AccsConfiguration conf, Clock clock) {
        boolean paas = conf.getPlatform() == Platform.PAAS;
        return switch (conf.getAuthenticationType()) {
            case CLIENT_CREDENTIALS, REFRESH_TOKEN -> new Authentication(ims(conf), true, null);
            // a caller's token: an IMS token on ACCS; an admin, customer or integration token on PaaS
            case ACCESS_TOKEN -> new Authentication(paas ? new BearerAuthorizer(null) : ims(conf), false, null);
            case ADMIN_TOKEN -> new Authentication(new BearerAuthorizer(null), true, null);
            case INTEGRATION -> new Authentication(conf.isIntegrationAsBearer() ? BearerAuthorizer.integration()
                    : new OAuth1Signer(conf.getConsumerKey(), conf.getConsumerSecret(), conf.getAccessTokenSecret(),
                            clock), false, new FixedTokenProvider(conf.getAccessToken()));
        };
    }

    private static RequestAuthorizer ims(AccsConfiguration conf) {
        return new ImsBearerAuthorizer(conf.getClientId(), conf.getOrgId());
    }
}
