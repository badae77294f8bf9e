package io.camelaccs.component.springboot;

import io.camelaccs.webhook.AccsWebhookConfiguration;
import io.camelaccs.webhook.FallbackOperation;
import java.time.Duration;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every option of the accs-webhook: component, bound from {@code camel.component.accs-webhook.*} (relaxed binding: client-id,
 * clientId and CAMEL_COMPONENT_ACCSWEBHOOK_CLIENTID all work). Only the options that are set reach the component: its
 * own defaults, listed in the configuration metadata, apply to the rest.
 * <p>
 * Generated from accs-webhook.json by StarterSourceGenerator (test sources) - do not edit by hand.
 */
@ConfigurationProperties(prefix = "camel.component.accs-webhook")
public class AccsWebhookComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the accs-webhook component. This is enabled by default.
     */
    private Boolean enabled;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * The component's configuration: every endpoint starts from a copy of it.
     */
    private AccsWebhookConfiguration configuration;
    /**
     * The message Commerce shows when the route failed with anything but an AccsWebhookException, answered an invalid
     * operation, or was late (fallbackOperation=EXCEPTION): what a shopper may read, never the route's internals.
     */
    private String fallbackMessage;
    /**
     * What a late route is answered with: EXCEPTION (stop Commerce's operation with fallbackMessage; for required
     * hooks) or SUCCESS (let it go on; for optional hooks).
     */
    private FallbackOperation fallbackOperation;
    /**
     * The hook's name in its subscription: set as header CamelAccsWebhookHook.
     */
    private String hookName;
    /**
     * How long Commerce is kept waiting for the route: then fallbackOperation is answered, and the route's late answer
     * is only logged. Keep it under the subscription's timeout (Commerce's hard limit), or Commerce gives up first and
     * applies its own fallback.
     */
    private Duration replyTimeout;
    /**
     * The webhook method this hook is subscribed to, such as observer.catalog_product_save_after: set as header
     * CamelAccsWebhookMethod.
     */
    private String webhookMethod;
    /**
     * The largest request body read, in bytes; a larger one is answered 413, at once from its Content-Length when it
     * has one. The HTTP engine may read a body before the route sees it: set its own limit too
     * (camel.server.maxBodySize on Vert.x).
     */
    private Long maxBodySize;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * With requireImsToken: the client id of the subscription's developer_console_oauth, which the token's client_id
     * (or aud) must match.
     */
    private String imsClientId;
    /**
     * The public key Commerce signs its calls with (in the Admin: Stores, Settings, Configuration, Adobe Services,
     * Webhooks): its PEM text, file:/path/key.pem or classpath:key.pem, or a java.security.PublicKey bean
     * (#bean:name). Required unless verifySignature=false.
     */
    private Object publicKey;
    /**
     * Whether calls must carry the IMS bearer token Commerce adds for subscriptions with developer_console_oauth (401
     * otherwise). Checked offline: a well-formed JWT, not expired, and issued to imsClientId when set; the token's own
     * signature is not checked.
     */
    private Boolean requireImsToken;
    /**
     * Whether calls must carry a valid x-adobe-commerce-webhook-signature (401 otherwise). Turn off only for a
     * development Commerce with signing off: anyone who reaches the URL can then call the route (a WARN at start says
     * so).
     */
    private Boolean verifySignature;
    /**
     * With subscribe=true: the name of the accs component whose credentials and connection subscribe the hook (accsEu,
     * accsUs, ... when there are several Commerce instances).
     */
    private String accsComponent;
    /**
     * With subscribe=true: the subscription's batch (English letters, digits and _); hooks of a batch run in parallel.
     */
    private String batchName;
    /**
     * With subscribe=true: the URL Commerce calls to reach this route, as seen from Commerce (such as
     * https://integration.example.com/hooks/product-save); https unless the host is a loopback address.
     */
    private String externalUrl;
    /**
     * With subscribe=true: the subscription's fallback_error_message, shown by Commerce when it cannot reach a
     * required hook; fallbackMessage when not set.
     */
    private String fallbackErrorMessage;
    /**
     * With subscribe=true: the payload fields Commerce sends, comma-separated, each name or name:source, such as
     * product.name:data.product.name,product.sku:data.product.sku (default: the whole payload).
     */
    private String fields;
    /**
     * With subscribe=true: whether Commerce fails its operation when the hook cannot be called or times out (otherwise
     * it goes on without the hook).
     */
    private Boolean required;
    /**
     * With subscribe=true: the conditions under which Commerce calls the hook, semicolon-separated, each
     * field:operator:value, such as data.product.price:greaterThan:100;data.product.name:regex:/free/i (operators:
     * equal, notEqual, greaterThan, lessThan, in, regex, isEmpty...).
     */
    private String rules;
    /**
     * With subscribe=true: the subscription's soft_timeout, after which Commerce only logs a notice (0: none).
     */
    private Duration softTimeout;
    /**
     * Whether the route subscribes its hook when it starts (POST /V1/webhooks/subscribe, with the accs component's
     * credentials): an identical subscription is left alone, a different one with the same webhookMethod, batchName
     * and hookName replaced. Needs webhookMethod, hookName and externalUrl.
     */
    private Boolean subscribe;
    /**
     * With subscribe=true: the subscription's timeout, how long Commerce waits for the answer (0: without limit); keep
     * replyTimeout under it.
     */
    private Duration timeout;
    /**
     * With subscribe=true: whether the hook is unsubscribed when the route stops (a required hook left subscribed to a
     * stopped route fails Commerce's operations).
     */
    private Boolean unsubscribeOnStop;
    /**
     * With subscribe=true: whether the hook runs before or after the webhook method.
     */
    private String webhookType;

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public AccsWebhookConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsWebhookConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getFallbackMessage() {
        return fallbackMessage;
    }

    public void setFallbackMessage(String fallbackMessage) {
        this.fallbackMessage = fallbackMessage;
    }

    public FallbackOperation getFallbackOperation() {
        return fallbackOperation;
    }

    public void setFallbackOperation(FallbackOperation fallbackOperation) {
        this.fallbackOperation = fallbackOperation;
    }

    public String getHookName() {
        return hookName;
    }

    public void setHookName(String hookName) {
        this.hookName = hookName;
    }

    public Duration getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public String getWebhookMethod() {
        return webhookMethod;
    }

    public void setWebhookMethod(String webhookMethod) {
        this.webhookMethod = webhookMethod;
    }

    public Long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(Long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getImsClientId() {
        return imsClientId;
    }

    public void setImsClientId(String imsClientId) {
        this.imsClientId = imsClientId;
    }

    public Object getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(Object publicKey) {
        this.publicKey = publicKey;
    }

    public Boolean getRequireImsToken() {
        return requireImsToken;
    }

    public void setRequireImsToken(Boolean requireImsToken) {
        this.requireImsToken = requireImsToken;
    }

    public Boolean getVerifySignature() {
        return verifySignature;
    }

    public void setVerifySignature(Boolean verifySignature) {
        this.verifySignature = verifySignature;
    }

    public String getAccsComponent() {
        return accsComponent;
    }

    public void setAccsComponent(String accsComponent) {
        this.accsComponent = accsComponent;
    }

    public String getBatchName() {
        return batchName;
    }

    public void setBatchName(String batchName) {
        this.batchName = batchName;
    }

    public String getExternalUrl() {
        return externalUrl;
    }

    public void setExternalUrl(String externalUrl) {
        this.externalUrl = externalUrl;
    }

    public String getFallbackErrorMessage() {
        return fallbackErrorMessage;
    }

    public void setFallbackErrorMessage(String fallbackErrorMessage) {
        this.fallbackErrorMessage = fallbackErrorMessage;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public Boolean getRequired() {
        return required;
    }

    public void setRequired(Boolean required) {
        this.required = required;
    }

    public String getRules() {
        return rules;
    }

    public void setRules(String rules) {
        this.rules = rules;
    }

    public Duration getSoftTimeout() {
        return softTimeout;
    }

    public void setSoftTimeout(Duration softTimeout) {
        this.softTimeout = softTimeout;
    }

    public Boolean getSubscribe() {
        return subscribe;
    }

    public void setSubscribe(Boolean subscribe) {
        this.subscribe = subscribe;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Boolean getUnsubscribeOnStop() {
        return unsubscribeOnStop;
    }

    public void setUnsubscribeOnStop(Boolean unsubscribeOnStop) {
        this.unsubscribeOnStop = unsubscribeOnStop;
    }

    public String getWebhookType() {
        return webhookType;
    }

    public void setWebhookType(String webhookType) {
        this.webhookType = webhookType;
    }
}
