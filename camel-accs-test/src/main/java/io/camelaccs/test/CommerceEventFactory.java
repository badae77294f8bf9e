package io.camelaccs.test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds Commerce events as Adobe I/O Events delivers them: CloudEvents 1.0 with I/O's {@code event_id} and
 * {@code recipient_client_id}, and Commerce's {@code data} ({@code key}, {@code value} with the entity's fields,
 * {@code source}, {@code _metadata}). Ids (event ids, journal positions, delivery ids) are random for each
 * simulator, whatever its seed, as they are unique for each real Commerce event: a persistent idempotent repository
 * kept from an earlier run must not take a new simulator's events for duplicates. The seed fixes the catalog, not
 * these.
 */
final class CommerceEventFactory {

    static final String PREFIX = "com.adobe.commerce.observer.";
    static final String PRODUCT_SAVE = PREFIX + "catalog_product_save_commit_after";
    static final String PRODUCT_DELETE = PREFIX + "catalog_product_delete_commit_after";
    static final String STOCK_ITEM_SAVE = PREFIX + "cataloginventory_stock_item_save_commit_after";

    private final Random random;
    private final Clock clock;
    private final String recipientClientId;
    private final String merchantSource;
    private final String providerUrn;

    CommerceEventFactory(Clock clock, String recipientClientId, String tenantId) {
        // seeded once from the system's entropy: unpredictable across instances and JVMs, and as fast as Random
        this.random = new Random(new SecureRandom().nextLong());
        this.clock = clock;
        this.recipientClientId = recipientClientId;
        this.merchantSource = tenantId + ".production";
        this.providerUrn = "urn:uuid:" + uuid();
    }

    /** The I/O Events provider id of the simulated Commerce instance (the {@code x-adobe-provider} header). */
    String providerId() {
        return providerUrn.substring("urn:uuid:".length());
    }

    /**
     * A new event, with fresh ids.
     *
     * @param type  the full type, as {@link #PRODUCT_SAVE}
     * @param value the entity's fields, copied
     */
    ObjectNode event(String type, ObjectNode value) {
        ObjectNode event = Json.object();
        event.put("specversion", "1.0");
        event.put("id", uuid());
        event.put("source", providerUrn);
        event.put("type", type);
        event.put("datacontenttype", "application/json");
        event.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("event_id", uuid());
        event.put("recipient_client_id", recipientClientId);
        ObjectNode data = event.putObject("data");
        data.put("key", uuid());
        data.set("value", value.deepCopy());
        data.put("source", merchantSource);
        data.putObject("_metadata")
                .put("commerceEdition", "Adobe Commerce as a Cloud Service")
                .put("commerceVersion", "2.4.8")
                .put("eventsClientVersion", "1.12.0")
                .put("storeId", "1")
                .put("websiteId", "1")
                .put("storeGroupId", "1");
        return event;
    }

    /** A random (version 4) UUID, new to this simulator instance. */
    synchronized String uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
