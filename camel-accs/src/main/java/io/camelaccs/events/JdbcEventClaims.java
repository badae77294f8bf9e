package io.camelaccs.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.camelaccs.state.SqlTable;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events running now on any pod, as leases in one SQL table: the {@code running} half of a
 * {@link SharedEventRepository}. A pod claims an event with {@link #add}; the claim is kept alive every
 * {@code lockKeepAliveIntervalMillis} while the pod runs the event, and a claim its pod stopped keeping alive (the pod
 * died) expires {@code lockMaxAgeMillis} after its last keep-alive, so that a retry then runs the event.
 * <p>
 * Why not Camel's {@code JdbcOrphanLockAwareIdempotentRepository}, which keeps the same leases in the same table: it
 * reads whether a live claim exists and then writes its own, and a claim another pod commits between the two is
 * taken over as if it were an orphan. Two pods receiving the same event at once could both run it. Here a claim is one
 * statement the database decides: an insert, or, when the row exists, an update that only succeeds on an expired
 * lease.
 * <p>
 * The table is Camel's {@code CAMEL_MESSAGEPROCESSED} ({@code processorName}, {@code messageId}, {@code createdAt},
 * primary key on the first two), created when absent, so completed and running ids can share it, told apart by
 * {@code processorName}.
 */
public class JdbcEventClaims extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventClaims.class);
    private static final String OWNER = "JdbcEventClaims";

    private DataSource dataSource;
    private String processorName;
    private SqlTable table = new SqlTable(OWNER, "CAMEL_MESSAGEPROCESSED");
    private long lockMaxAgeMillis = 60_000;
    private long lockKeepAliveIntervalMillis = 10_000;
    /** The claims this instance holds, kept alive until released. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService keepAlive;

    public JdbcEventClaims() {
    }

    /**
     * @param dataSource    the database every pod shares
     * @param processorName tells these claims from other ids in the table (such as the completed ones)
     */
    public JdbcEventClaims(DataSource dataSource, String processorName) {
        this.dataSource = dataSource;
        this.processorName = processorName;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The database every pod shares. */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getProcessorName() {
        return processorName;
    }

    /** Tells these claims from other ids in the table, such as the completed ones of the same events. */
    public void setProcessorName(String processorName) {
        this.processorName = processorName;
    }

    public String getTableName() {
        return table.name();
    }

    /** The table (default {@code CAMEL_MESSAGEPROCESSED}): an SQL identifier, optionally {@code schema.table}. */
    public void setTableName(String table) {
        this.table = new SqlTable(OWNER, table);
    }

    public long getLockMaxAgeMillis() {
        return lockMaxAgeMillis;
    }

    /** How long a claim lives after its pod last kept it alive (default 60 000): above the longest event's run. */
    public void setLockMaxAgeMillis(long lockMaxAgeMillis) {
        this.lockMaxAgeMillis = lockMaxAgeMillis;
    }

    public long getLockKeepAliveIntervalMillis() {
        return lockKeepAliveIntervalMillis;
    }

    /** How often a pod renews the claims it holds (default 10 000), well below {@code lockMaxAgeMillis}. */
    public void setLockKeepAliveIntervalMillis(long lockKeepAliveIntervalMillis) {
        this.lockKeepAliveIntervalMillis = lockKeepAliveIntervalMillis;
    }

    /** Claims the event for this pod: true when no live claim of another pod holds it. */
    @Override
    public boolean add(String key) {
        Timestamp now = now();
        try (Connection c = dataSource.getConnection()) {
            try {
                execute(c, "INSERT INTO " + table + " (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                        processorName, key, now);
                held.add(key);
                return true;
            } catch (SQLException e) {
                if (!SqlTable.isDuplicateKey(e)) {
                    throw e;
                }
            }
            // the row exists: taken over only if its lease expired, in one statement, so two pods cannot both win
            if (execute(c, "UPDATE " + table + " SET createdAt = ? WHERE processorName = ? AND messageId = ?"
                           + " AND createdAt < ?", now, processorName, key,
                    new Timestamp(now.getTime() - lockMaxAgeMillis)) == 1) {
                LOG.info("Event {} was claimed by a pod that stopped keeping its claim alive: taken over", key);
                held.add(key);
                return true;
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim event " + key + " in table " + table + ": "
                                            + e.getMessage(), e);
        }
    }

    /** Whether a live claim (of any pod) holds the event. */
    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table
                                                      + " WHERE processorName = ? AND messageId = ? AND createdAt >= ?")) {
            s.setString(1, processorName);
            s.setString(2, key);
            s.setTimestamp(3, new Timestamp(System.currentTimeMillis() - lockMaxAgeMillis));
            try (ResultSet r = s.executeQuery()) {
                boolean live = r.next() && r.getInt(1) > 0;
                SqlTable.commit(c);
                return live;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the claim of event " + key + " in table " + table + ": "
                                            + e.getMessage(), e);
        }
    }

    /** Releases the claim (the event completed or failed). */
    @Override
    public boolean remove(String key) {
        held.remove(key);
        try (Connection c = dataSource.getConnection()) {
            return execute(c, "DELETE FROM " + table + " WHERE processorName = ? AND messageId = ?", processorName,
                    key) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release the claim of event " + key + " in table " + table
                                            + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        held.clear();
        try (Connection c = dataSource.getConnection()) {
            execute(c, "DELETE FROM " + table + " WHERE processorName = ?", processorName);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear the claims in table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        Objects.requireNonNull(dataSource, "JdbcEventClaims needs a dataSource: the database every pod shares");
        if (processorName == null || processorName.isBlank()) {
            throw new IllegalArgumentException("JdbcEventClaims needs a processorName, which tells its claims from"
                                               + " the completed ids in the same table");
        }
        if (lockKeepAliveIntervalMillis <= 0 || lockMaxAgeMillis <= lockKeepAliveIntervalMillis) {
            throw new IllegalArgumentException("Option lockMaxAgeMillis (" + lockMaxAgeMillis + ") of JdbcEventClaims"
                                               + " must be above lockKeepAliveIntervalMillis ("
                                               + lockKeepAliveIntervalMillis + "), which must be above 0: a claim"
                                               + " would expire while its pod still runs the event");
        }
        createTableIfAbsent();
        // a thread of its own, not a context's: the repository may be shared by contexts, or outlive a context's restart
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "AccsEventClaims");
            t.setDaemon(true);
            return t;
        });
        keepAlive.scheduleWithFixedDelay(this::renew, lockKeepAliveIntervalMillis, lockKeepAliveIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
            keepAlive = null;
        }
    }

    /** Renews the claims this pod holds; a failure is logged and retried at the next interval. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET createdAt = ? WHERE processorName = ?"
                                                      + " AND messageId = ?")) {
            Timestamp now = now();
            for (String key : held) {
                s.setTimestamp(1, now);
                s.setString(2, processorName);
                s.setString(3, key);
                s.addBatch();
            }
            s.executeBatch();
            SqlTable.commit(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not keep the claims of {} running events alive in table {}: {}", held.size(), table,
                    e.getMessage());
        }
    }

    private void createTableIfAbsent() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!table.exists(c, "messageId")
                    && table.create(c, "messageId", "processorName VARCHAR(255), messageId VARCHAR(100),"
                                                    + " createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId)")) {
                LOG.info("Created table {} for the claims of running Commerce events", table);
            }
        }
    }

    /** Runs one statement, its transaction ended either way, whether or not the pool's connections commit alone. */
    private static int execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            int count = s.executeUpdate();
            SqlTable.commit(c);
            return count;
        } catch (SQLException e) {
            // a failed statement aborts the transaction on PostgreSQL: end it before the next one
            SqlTable.rollback(c);
            throw e;
        }
    }

    private static Timestamp now() {
        return new Timestamp(System.currentTimeMillis());
    }

    @Override
    public String toString() {
        return "JdbcEventClaims[" + table + ", " + processorName + "]";
    }
}
