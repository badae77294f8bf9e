package io.camelaccs.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation of a webhook answer, as {@link WebhookOperations} builds it: immutable, and valid by construction.
 */
public final class WebhookOperation {

    private final Map<String, Object> fields;

    WebhookOperation(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The operation's name: success, exception, add, replace or remove. */
    public String op() {
        return (String) fields.get("op");
    }

    /** The operation as Commerce reads it, such as {@code {op=replace, path=result/x/amount, value=6}}. */
    public Map<String, Object> toMap() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookOperation other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
