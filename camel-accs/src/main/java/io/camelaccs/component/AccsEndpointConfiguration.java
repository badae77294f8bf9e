package io.camelaccs.component;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.camelaccs.sync.RecentDeliveries;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of one accs: endpoint: the settings it shares with its component ({@link AccsConfiguration}, copied
 * from the component when the endpoint is created) and those that describe this one operation or consumer only
 * (search, paging, consumer, mode, output), which exist on the endpoint alone.
 * <p>
 * A new option that describes one operation or one consumer is declared here, with {@code @UriParam}; one that
 * describes the tenant, the credentials, the transport or the retry policy goes to {@link AccsConfiguration}.
 */
@UriParams
public class AccsEndpointConfiguration extends AccsConfiguration {

    // operation
    @UriParam(label = "producer", defaultValue = "true")
    private boolean throwExceptionOnFailure = true;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean validateOperation = true;
    @UriParam(label = "producer")
    private Class<?> outputClass;
    @UriParam(label = "producer")
    private boolean rawResponse;

    // search
    @UriParam(label = "search")
    private String filter;
    @UriParam(label = "search")
    private String sortOrders;
    @UriParam(label = "search", defaultValue = "100")
    private int pageSize = 100;
    @UriParam(label = "search")
    private Integer currentPage;
    @UriParam(label = "search")
    private boolean fetchAll;
    @UriParam(label = "search", defaultValue = "1")
    private int parallelism = 1;
    @UriParam(label = "search")
    private String idField;

    // incremental sync (consumer)
    @UriParam(label = "consumer")
    private String incrementalField;
    @UriParam(label = "consumer", defaultValue = "1970-01-01 00:00:00")
    private String since = "1970-01-01 00:00:00";
    @UriParam(label = "consumer")
    private String syncId;
    @UriParam(label = "consumer")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean splitResult = true;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long incrementalOverlap = 60_000;
    @UriParam(label = "consumer,advanced", defaultValue = "100000")
    private int lookBackMemory = RecentDeliveries.DEFAULT_CAPACITY;
    @UriParam(label = "consumer")
    private int maxMessagesPerPoll;

    // async and bulk
    @UriParam(label = "producer,bulk", defaultValue = "sync", enums = "sync,async,bulk")
    private String mode = "sync";
    @UriParam(label = "producer,bulk")
    private boolean waitForCompletion;
    @UriParam(label = "producer,bulk", defaultValue = "300000", javaType = "java.time.Duration")
    private long completionTimeout = 300_000;

    private static final Set<String> ENDPOINT_ONLY = collectOptionNames();

    /** A configuration with every endpoint option at its default. */
    public AccsEndpointConfiguration() {
    }

    /** An endpoint's configuration that starts from its component's settings. */
    public AccsEndpointConfiguration(AccsConfiguration componentSettings) {
        copyFrom(componentSettings);
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    /**
     * Whether a Commerce error response (4xx, 5xx) fails the exchange with an AccsApiException. When false, the
     * parsed error body becomes the message body and CamelAccsResponseCode tells the status.
     */
    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public boolean isValidateOperation() {
        return validateOperation;
    }

    /**
     * Whether the method, path and query options are checked against the bundled ACCS operation catalog when the
     * endpoint is created. Set to false for a tenant's extension endpoints, which the official schema does not list.
     */
    public void setValidateOperation(boolean validateOperation) {
        this.validateOperation = validateOperation;
    }

    public Class<?> getOutputClass() {
        return outputClass;
    }

    /**
     * A class the JSON response is bound to (with Jackson) instead of Map/List. With fetchAll, each item is bound.
     * Fields the class does not declare are ignored, Commerce's date-times bind to java.time, and the registry's
     * ObjectMapper binds when it holds exactly one.
     */
    public void setOutputClass(Class<?> outputClass) {
        this.outputClass = outputClass;
    }

    public boolean isRawResponse() {
        return rawResponse;
    }

    /**
     * Whether the response body is kept as the bytes Commerce sent, unparsed.
     */
    public void setRawResponse(boolean rawResponse) {
        this.rawResponse = rawResponse;
    }

    public String getFilter() {
        return filter;
    }

    /**
     * Search filter: conditions field op value over the Commerce condition types (eq, neq, gt, gteq, lt, lteq, like,
     * nlike, in, nin, finset, nfinset, from, to, moreq, null, notnull), combined as AND of OR-groups, for example
     * updated_at gteq '2026-01-01' and (type_id eq 'simple' or type_id eq 'virtual'). Simple expressions such as
     * ${exchangeProperty.since} are evaluated per exchange. The header CamelAccsSearchCriteria overrides it.
     */
    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getSortOrders() {
        return sortOrders;
    }

    /**
     * Search sort orders, for example updated_at asc, entity_id asc.
     */
    public void setSortOrders(String sortOrders) {
        this.sortOrders = sortOrders;
    }

    public int getPageSize() {
        return pageSize;
    }

    /**
     * Search page size, always sent on search operations: without it Commerce returns every match in one response.
     */
    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Integer getCurrentPage() {
        return currentPage;
    }

    /**
     * Search page to fetch (1-based). Ignored with fetchAll.
     */
    public void setCurrentPage(Integer currentPage) {
        this.currentPage = currentPage;
    }

    public boolean isFetchAll() {
        return fetchAll;
    }

    /**
     * Whether a search returns every item of every page as a lazy iterator: a page is fetched only when the previous
     * one has been consumed. It pages by keyset on idField (each page asks for the items after the last one seen), so
     * an item matching the filter for the whole walk is delivered once whatever changes meanwhile; by page number
     * where no keyset exists. Use it with .split(body()).streaming().
     */
    public void setFetchAll(boolean fetchAll) {
        this.fetchAll = fetchAll;
    }

    public int getParallelism() {
        return parallelism;
    }

    /**
     * With fetchAll: how many id ranges of the search are walked side by side, each by keyset, with at most this many
     * page requests in flight. The search is split at ids read from its items (the lowest, and those at the quantiles
     * of the search sorted by id), so the ranges hold as many items each, whether the ids are numbers or text; pages
     * are delivered as they arrive, so the items are not in sort order across ranges (1 keeps the order). The walks run
     * on a bounded pool that a thread pool profile with id accsFetchAll sizes. Needs a keyset walk: a known entity id
     * field (or option idField) and a sort on at most one field besides the id.
     */
    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public String getIdField() {
        return idField;
    }

    /**
     * The entity id field a search filters and sorts on: fetchAll pages by keyset on it, and the consumer orders items
     * sharing one incremental value by it. Read from the item's field of that name (for entity_id, else from its id).
     * Default: the resource's known id (entity_id on products, orders, invoices, credit memos, shipments, returns,
     * customers, categories and carts; item_id on order items; transaction_id on transactions); the consumer falls back
     * to entity_id (sku on inventory source items), fetchAll to page numbers.
     */
    public void setIdField(String idField) {
        this.idField = idField;
    }

    public String getIncrementalField() {
        return incrementalField;
    }

    /**
     * Consumer: the field whose value grows with each change, typically updated_at. Each poll asks for the items at or
     * after the watermark, sorted by this field and then idField, and advances the watermark as exchanges complete.
     */
    public void setIncrementalField(String incrementalField) {
        this.incrementalField = incrementalField;
    }

    public String getSince() {
        return since;
    }

    /**
     * Consumer: where a sync starts when the state repository holds no watermark yet, in Commerce's format
     * (yyyy-MM-dd HH:mm:ss, UTC).
     */
    public void setSince(String since) {
        this.since = since;
    }

    public String getSyncId() {
        return syncId;
    }

    /**
     * Consumer: the key of the watermark in the state repository (stored as accs:syncId). Required with a
     * stateRepository other than a MemoryStateRepository: a key derived from the route id would change when routes are
     * added or reordered. Default (watermark in memory): the route id when you set one, else the path and filter. Use
     * the same syncId on every node behind master:.
     */
    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    /**
     * Consumer: where the watermark is kept: a Camel StateRepository such as FileStateRepository, or any bean (with
     * syncId). Default: in memory (a restart starts again from since).
     */
    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public boolean isSplitResult() {
        return splitResult;
    }

    /**
     * Consumer: one exchange per item (true) or one per page, its body the list of items (false).
     */
    public void setSplitResult(boolean splitResult) {
        this.splitResult = splitResult;
    }

    public long getIncrementalOverlap() {
        return incrementalOverlap;
    }

    /**
     * Consumer: the longest delay between Commerce stamping a change (its updated_at) and the change becoming visible
     * to a search (its transaction committing), which the look-back covers. Polls start at the watermark; a look-back
     * pass re-reads the window before it (about this long, in updated_at) once this long plus one second has passed
     * since the last poll that brought news (under continuous news, at least every twice that), and after each start
     * (a restart, a master: failover). It delivers the late commits and the changes that kept their updated_at (an
     * order placed and invoiced in one second), and skips what it recognises as delivered. Cost: each pass re-reads the
     * changes of its window once (one search per page of them); after a start the first pass delivers the changes of
     * the overlap before the stored watermark again, as it cannot recognise them. The default, 60 s, covers an import
     * batch's or a save's transaction, including one that waited out MySQL's default lock wait timeout (50 s); 0 turns
     * the look-back off (a late commit is then missed).
     */
    public void setIncrementalOverlap(long incrementalOverlap) {
        this.incrementalOverlap = incrementalOverlap;
    }

    public int getLookBackMemory() {
        return lookBackMemory;
    }

    /**
     * Consumer: how many recently delivered items the look-back recognises (by id, timestamp and a 64-bit hash of the
     * content), 64 to 128 bytes each (about 8 MB at the default, when full). A pass delivers again the items of its window it no longer recognises: raise
     * it above the number of changes one window holds (a bulk import stamps tens of thousands in one second).
     */
    public void setLookBackMemory(int lookBackMemory) {
        this.lookBackMemory = lookBackMemory;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * Consumer: the most exchanges one poll delivers (0: no limit); the next poll continues from the watermark.
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getMode() {
        return mode;
    }

    /**
     * sync (the default) calls the operation; async sends it to /V1/async/... (Commerce queues it); bulk sends a JSON
     * array of request bodies to /V1/async/bulk/..., with each path parameter {name} replaced by the literal byName.
     */
    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /**
     * With mode async or bulk: whether to poll /V1/bulk/{bulkUuid}/status until every operation is done, and fail
     * listing the operations that failed.
     */
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    public long getCompletionTimeout() {
        return completionTimeout;
    }

    /**
     * With waitForCompletion: how long to wait for the bulk operations to finish.
     */
    public void setCompletionTimeout(long completionTimeout) {
        this.completionTimeout = completionTimeout;
    }

    /** Whether any option that only a search takes is set. */
    boolean hasSearchOptions() {
        return filter != null || sortOrders != null || currentPage != null || fetchAll;
    }

    /**
     * The names of the options an accs endpoint has and the component has not, in their documented spelling, in
     * declaration order: setting one of them on the component is a mistake to report.
     */
    public static Set<String> endpointOnlyOptions() {
        return ENDPOINT_ONLY;
    }

    private static Set<String> collectOptionNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Field f : AccsEndpointConfiguration.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(UriParam.class)) {
                names.add(f.getName());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public AccsEndpointConfiguration copy() {
        return (AccsEndpointConfiguration) super.copy();
    }
}
