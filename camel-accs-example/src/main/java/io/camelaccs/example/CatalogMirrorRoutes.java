package io.camelaccs.example;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Job 4, catalog mirror: an exact local copy of the catalog, deletes included. First an export writes every
 * product into the {@link MirrorStore}; then the I/O Events journal, read from a point before the export began,
 * applies every save and delete since. I/O Events delivers at least once and does not promise order, so the
 * mirror does not rely on either: an event id seen before is dropped by a persistent idempotent repository (a file
 * that outlives a restart), and the store applies an event only when it is newer than the state it holds for the
 * SKU, deletes leaving a tombstone ({@link ProductVersion}). Events the export already reflected are then as
 * harmless as events in the wrong order, so the overlap makes the copy exact rather than nearly so.
 */
final class CatalogMirrorRoutes extends RouteBuilder {

    static final String EXPORT = "direct:mirror-export";
    static final String STORE = "catalogMirror";
    static final String EVENT_IDS = "catalogMirrorEventIds";
    static final String JOURNAL_ROUTE = "mirror-journal";
    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final String DELETE = "com.adobe.commerce.observer.catalog_product_delete_commit_after";
    static final int PAGE_SIZE = 200;

    private final String journalUrl;
    private final String since;
    private final MirrorStore store;
    private final IdempotentRepository eventIds;
    private final Progress progress = new Progress();
    private final AtomicLong exported = new AtomicLong();

    /**
     * @param journalUrl the registration's journal URL
     * @param since      where the journal starts: a negative duration reaching back before the export began
     * @param store      the mirror, bound as {@value #STORE} for the journal route's bean calls
     * @param eventIds   the ids of the events applied, kept where they outlive a restart (bound as
     *                   {@value #EVENT_IDS}; started and stopped with the Camel context)
     */
    CatalogMirrorRoutes(String journalUrl, String since, MirrorStore store, IdempotentRepository eventIds) {
        this.journalUrl = journalUrl;
        this.since = since;
        this.store = store;
        this.eventIds = eventIds;
    }

    @Override
    public void configure() throws Exception {
        getCamelContext().getRegistry().bind(STORE, store);
        getCamelContext().getRegistry().bind(EVENT_IDS, eventIds);
        getCamelContext().addService(eventIds, true, true);

        // fetchAll walks by keyset (the entity ids after the last one seen), not by page number: a product deleted
        // during the walk would otherwise shift every later page by one and hide a product that never changes
        // again, which no event would then bring back.
        from(EXPORT).routeId("mirror-export")
                .to("accs:get:/V1/products?fetchAll=true&pageSize=" + PAGE_SIZE)
                .split(body()).streaming()
                    .process(this::storeProduct)
                .end();

        from("accs-events:journal?journalUrl=" + journalUrl + "&since=" + since + "&syncId=catalog-mirror"
             + "&eventTypes=" + SAVE + "," + DELETE + "&idempotentRepository=#" + EVENT_IDS)
                .routeId(JOURNAL_ROUTE).autoStartup(false)
                .choice()
                    .when(header("CamelAccsEventType").isEqualTo(DELETE))
                        .bean(STORE, "applyDelete(${body})")
                    .otherwise()
                        .bean(STORE, "applySave(${body})")
                .end()
                .process(e -> progress.seen(e.getMessage().getHeader("CamelAccsEventPosition", String.class)));
    }

    /** Stores one exported product. */
    private void storeProduct(Exchange exchange) throws InvalidPayloadException {
        store.save(exchange.getMessage().getMandatoryBody(Map.class));
        exported.incrementAndGet();
    }

    /** How many products the export stored. */
    long exported() {
        return exported.get();
    }

    /** Which journal positions the route has applied. */
    Progress progress() {
        return progress;
    }

    /** The positions applied so far, and a wait for one of them. */
    static final class Progress {

        private final Set<String> positions = new HashSet<>();

        synchronized void seen(String position) {
            positions.add(position);
            notifyAll();
        }

        /** Waits until the event at this position has been applied; false when the time ran out first. */
        synchronized boolean awaitApplied(String position, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (!positions.contains(position)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }
}
