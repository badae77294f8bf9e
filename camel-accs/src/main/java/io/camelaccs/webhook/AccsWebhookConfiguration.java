package io.camelaccs.webhook;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Every option of the accs-webhook: component; set on the component, they are every endpoint's defaults.
 */
@UriParams
public class AccsWebhookConfiguration implements Cloneable {

    /** Just under five seconds, the top of the hook timeouts Commerce subscriptions usually set. */
    public static final long DEFAULT_REPLY_TIMEOUT = 4500;
    public static final String DEFAULT_FALLBACK_MESSAGE = "This request could not be completed right now. Please try"
                                                          + " again later.";

    @UriParam(label = "security", javaType = "java.lang.Object")
    private Object publicKey;
    @UriParam(label = "security", defaultValue = "true")
    private boolean verifySignature = true;
    @UriParam(label = "security")
    private boolean requireImsToken;
    @UriParam(label = "security")
    private String imsClientId;
    @UriParam(label = "consumer", defaultValue = "4500", javaType = "java.time.Duration")
    private long replyTimeout = DEFAULT_REPLY_TIMEOUT;
    @UriParam(label = "consumer", defaultValue = "EXCEPTION")
    private FallbackOperation fallbackOperation = FallbackOperation.EXCEPTION;
    @UriParam(label = "consumer", defaultValue = DEFAULT_FALLBACK_MESSAGE)
    private String fallbackMessage = DEFAULT_FALLBACK_MESSAGE;
    @UriParam(label = "consumer")
    private String webhookMethod;
    @UriParam(label = "consumer")
    private String hookName;
    @UriParam(label = "consumer,advanced", defaultValue = "1048576")
    private long maxBodySize = 1024 * 1024;
    @UriParam(label = "subscription")
    private boolean subscribe;
    @UriParam(label = "subscription")
    private boolean unsubscribeOnStop;
    @UriParam(label = "subscription")
    private String externalUrl;
    @UriParam(label = "subscription", defaultValue = "before", enums = "before,after")
    private String webhookType = "before";
    @UriParam(label = "subscription", defaultValue = "camel")
    private String batchName = "camel";
    @UriParam(label = "subscription", defaultValue = "5000", javaType = "java.time.Duration")
    private long timeout = 5000;
    @UriParam(label = "subscription", defaultValue = "0", javaType = "java.time.Duration")
    private long softTimeout;
    @UriParam(label = "subscription", defaultValue = "true")
    private boolean required = true;
    @UriParam(label = "subscription")
    private String fields;
    @UriParam(label = "subscription")
    private String rules;
    @UriParam(label = "subscription")
    private String fallbackErrorMessage;
    @UriParam(label = "subscription", defaultValue = "accs")
    private String accsComponent = "accs";

    public Object getPublicKey() {
        return publicKey;
    }

    /**
     * The public key Commerce signs its calls with (in the Admin: Stores, Settings, Configuration, Adobe Services,
     * Webhooks): its PEM text, file:/path/key.pem or classpath:key.pem, or a java.security.PublicKey bean
     * (#bean:name). Required unless verifySignature=false.
     */
    public void setPublicKey(Object publicKey) {
        this.publicKey = publicKey;
    }

    public boolean isVerifySignature() {
        return verifySignature;
    }

    /**
     * Whether calls must carry a valid x-adobe-commerce-webhook-signature (401 otherwise). Turn off only for a
     * development Commerce with signing off: anyone who reaches the URL can then call the route (a WARN at start
     * says so).
     */
    public void setVerifySignature(boolean verifySignature) {
        this.verifySignature = verifySignature;
    }

    public boolean isRequireImsToken() {
        return requireImsToken;
    }

    /**
     * Whether calls must carry the IMS bearer token Commerce adds for subscriptions with developer_console_oauth
     * (401 otherwise). Checked offline: a well-formed JWT, not expired, and issued to imsClientId when set; the
     * token's own signature is not checked.
     */
    public void setRequireImsToken(boolean requireImsToken) {
        this.requireImsToken = requireImsToken;
    }

    public String getImsClientId() {
        return imsClientId;
    }

    /**
     * With requireImsToken: the client id of the subscription's developer_console_oauth, which the token's client_id
     * (or aud) must match.
     */
    public void setImsClientId(String imsClientId) {
        this.imsClientId = imsClientId;
    }

    public long getReplyTimeout() {
        return replyTimeout;
    }

    /**
     * How long Commerce is kept waiting for the route: then fallbackOperation is answered, and the route's late answer
     * is only logged. Keep it under the subscription's timeout (Commerce's hard limit), or Commerce gives up first and
     * applies its own fallback.
     */
    public void setReplyTimeout(long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public FallbackOperation getFallbackOperation() {
        return fallbackOperation;
    }

    /**
     * What a late route is answered with: EXCEPTION (stop Commerce's operation with fallbackMessage; for required
     * hooks) or SUCCESS (let it go on; for optional hooks).
     */
    public void setFallbackOperation(FallbackOperation fallbackOperation) {
        this.fallbackOperation = fallbackOperation;
    }

    public String getFallbackMessage() {
        return fallbackMessage;
    }

    /**
     * The message Commerce shows when the route failed with anything but an AccsWebhookException, answered an invalid
     * operation, or was late (fallbackOperation=EXCEPTION): what a shopper may read, never the route's internals.
     */
    public void setFallbackMessage(String fallbackMessage) {
        this.fallbackMessage = fallbackMessage;
    }

    public String getWebhookMethod() {
        return webhookMethod;
    }

    /**
     * The webhook method this hook is subscribed to, such as observer.catalog_product_save_after: set as header
     * CamelAccsWebhookMethod.
     */
    public void setWebhookMethod(String webhookMethod) {
        this.webhookMethod = webhookMethod;
    }

    public String getHookName() {
        return hookName;
    }

    /** The hook's name in its subscription: set as header CamelAccsWebhookHook. */
    public void setHookName(String hookName) {
        this.hookName = hookName;
    }

    public long getMaxBodySize() {
        return maxBodySize;
    }

    /**
     * The largest request body read, in bytes; a larger one is answered 413, at once from its Content-Length when it
     * has one. The HTTP engine may read a body before the route sees it: set its own limit too
     * (camel.server.maxBodySize on Vert.x).
     */
    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public boolean isSubscribe() {
        return subscribe;
    }

    /**
     * Whether the route subscribes its hook when it starts (POST /V1/webhooks/subscribe, with the accs component's
     * credentials): an identical subscription is left alone, a different one with the same webhookMethod,
     * batchName and hookName replaced. Needs webhookMethod, hookName and externalUrl.
     */
    public void setSubscribe(boolean subscribe) {
        this.subscribe = subscribe;
    }

    public boolean isUnsubscribeOnStop() {
        return unsubscribeOnStop;
    }

    /**
     * With subscribe=true: whether the hook is unsubscribed when the route stops (a required hook left subscribed to
     * a stopped route fails Commerce's operations).
     */
    public void setUnsubscribeOnStop(boolean unsubscribeOnStop) {
        this.unsubscribeOnStop = unsubscribeOnStop;
    }

    public String getExternalUrl() {
        return externalUrl;
    }

    /**
     * With subscribe=true: the URL Commerce calls to reach this route, as seen from Commerce (such as
     * https://integration.example.com/hooks/product-save); https unless the host is a loopback address.
     */
    public void setExternalUrl(String externalUrl) {
        this.externalUrl = externalUrl;
    }

    public String getWebhookType() {
        return webhookType;
    }

    /** With subscribe=true: whether the hook runs before or after the webhook method. */
    public void setWebhookType(String webhookType) {
        this.webhookType = webhookType;
    }

    public String getBatchName() {
        return batchName;
    }

    /** With subscribe=true: the subscription's batch (English letters, digits and _); hooks of a batch run in parallel. */
    public void setBatchName(String batchName) {
        this.batchName = batchName;
    }

    public long getTimeout() {
        return timeout;
    }

    /**
     * With subscribe=true: the subscription's timeout, how long Commerce waits for the answer (0: without limit);
     * keep replyTimeout under it.
     */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public long getSoftTimeout() {
        return softTimeout;
    }

    /** With subscribe=true: the subscription's soft_timeout, after which Commerce only logs a notice (0: none). */
    public void setSoftTimeout(long softTimeout) {
        this.softTimeout = softTimeout;
    }

    public boolean isRequired() {
        return required;
    }

    /**
     * With subscribe=true: whether Commerce fails its operation when the hook cannot be called or times out
     * (otherwise it goes on without the hook).
     */
    public void setRequired(boolean required) {
        this.required = required;
    }

    public String getFields() {
        return fields;
    }

    /**
     * With subscribe=true: the payload fields Commerce sends, comma-separated, each name or name:source, such as
     * product.name:data.product.name,product.sku:data.product.sku (default: the whole payload).
     */
    public void setFields(String fields) {
        this.fields = fields;
    }

    public String getRules() {
        return rules;
    }

    /**
     * With subscribe=true: the conditions under which Commerce calls the hook, semicolon-separated, each
     * field:operator:value, such as data.product.price:greaterThan:100;data.product.name:regex:/free/i (operators:
     * equal, notEqual, greaterThan, lessThan, in, regex, isEmpty...).
     */
    public void setRules(String rules) {
        this.rules = rules;
    }

    public String getFallbackErrorMessage() {
        return fallbackErrorMessage;
    }

    /**
     * With subscribe=true: the subscription's fallback_error_message, shown by Commerce when it cannot reach a
     * required hook; fallbackMessage when not set.
     */
    public void setFallbackErrorMessage(String fallbackErrorMessage) {
        this.fallbackErrorMessage = fallbackErrorMessage;
    }

    public String getAccsComponent() {
        return accsComponent;
    }

    /**
     * With subscribe=true: the name of the accs component whose credentials and connection subscribe the hook (accsEu,
     * accsUs, ... when there are several Commerce instances).
     */
    public void setAccsComponent(String accsComponent) {
        this.accsComponent = accsComponent;
    }

    /** A copy for one endpoint, so that its options do not change the component's. */
    public AccsWebhookConfiguration copy() {
        try {
            return (AccsWebhookConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
