package io.camelaccs.rest;

import java.util.Locale;
import java.util.Map;

/**
 * A PaaS shop refused a request's integration credentials or its OAuth 1.0a signature ({@code signature_invalid},
 * {@code timestamp_refused}, {@code nonce_used}, {@code consumer_key_rejected}, {@code token_rejected}, ...), or
 * answered 401 {@code The consumer isn't authorized to access %resources.} to an integration. The message says what
 * to fix; {@link #getProblem()} names the OAuth problem when the shop named one.
 */
public class AccsOAuthException extends AccsApiException {

    private static final long serialVersionUID = 1L;

    /** The OAuth problems (RFC 5849 problem reporting, as Commerce names them) and what to do about each. */
    private static final Map<String, String> FIXES = Map.of(
            "signature_invalid", "(the shop computed another OAuth signature: check options consumerSecret and"
                                 + " accessTokenSecret, wrapped in RAW(...) or given as property placeholders (a"
                                 + " .properties file is read as ISO-8859-1: write other characters as \\uXXXX), and"
                                 + " that baseUrl is the URL the shop itself sees: a proxy that changes the scheme,"
                                 + " host, port or path breaks every signature)",
            "timestamp_refused", "(the shop refused the request's oauth_timestamp: this host's clock and the shop's"
                                 + " differ too much; synchronise both with NTP)",
            "nonce_used", "(the shop has seen this oauth_nonce before: a proxy or a second client replays signed"
                          + " requests; the component makes a fresh nonce for every attempt)",
            "consumer_key_rejected", "(the shop knows no active integration with this consumer key: check option"
                                     + " consumerKey, and that the integration is activated in System > Extensions >"
                                     + " Integrations)",
            "token_rejected", "(the shop refused the access token: check option accessToken; activating the"
                              + " integration again issues new tokens, which replace the old ones)",
            "signature_method_rejected", "(the shop refused the signature method HMAC-SHA256: Commerce 2.4 takes it;"
                                         + " an older shop needs an upgrade)",
            "version_rejected", "(the shop refused oauth_version 1.0)",
            "parameter_absent", "(the shop missed an OAuth parameter: a proxy may drop the Authorization header)");
    /**
     * What Commerce 2.4 itself answers with a 401 (Magento\Framework\Oauth), where the codes above appear only with
     * RFC 5849 problem reporting: its sentences, lower case, and the problem each names.
     */
    private static final Map<String, String> SENTENCES = Map.of(
            "the signature is invalid", "signature_invalid",
            "the nonce is already being used", "nonce_used",
            "incorrect timestamp value in the oauth_timestamp parameter", "timestamp_refused");
    private static final String NOT_AUTHORIZED = "(the signed request was refused: the integration lacks the ACL"
                                                 + " resource Commerce names (System > Extensions > Integrations >"
                                                 + " API: grant it, then activate the integration again), or the"
                                                 + " shop does not accept its credentials: check consumerKey,"
                                                 + " consumerSecret, accessToken and accessTokenSecret)";

    private final String problem;

    /** @param platformName how the message names the platform ({@code Adobe Commerce PaaS}) */
    public AccsOAuthException(String platformName, int statusCode, String method, String path, String commerceMessage,
                              String responseBody, String debugId, String advice) {
        super(platformName, statusCode, method, path, commerceMessage, responseBody, debugId, advice);
        this.problem = problem(commerceMessage);
    }

    /** The OAuth problem the shop named ({@code signature_invalid}, ...), or null when it named none. */
    public String getProblem() {
        return problem;
    }

    /**
     * The OAuth problem a Commerce message names: its own sentence ({@code The signature is invalid. Verify and try
     * again.}), {@code oauth_problem=nonce_used} or the bare code; null when it names none.
     */
    public static String problem(String commerceMessage) {
        if (commerceMessage == null) {
            return null;
        }
        String text = commerceMessage.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> sentence : SENTENCES.entrySet()) {
            if (text.contains(sentence.getKey())) {
                return sentence.getValue();
            }
        }
        for (String code : FIXES.keySet()) {
            if (text.contains(code)) {
                return code;
            }
        }
        return null;
    }

    /** What to fix for a signed request's 401: per OAuth problem, else the integration's permissions. */
    public static String advice(String problem) {
        return problem != null ? FIXES.get(problem) : NOT_AUTHORIZED;
    }
}
