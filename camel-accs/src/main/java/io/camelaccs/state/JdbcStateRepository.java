package io.camelaccs.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateRepository} in one SQL table that every pod of an application sees, for the positions of the
 * {@code accs:} consumer (watermarks) and of {@code accs-events:journal} when the pollers run behind {@code master:}:
 * the node that takes over continues where the last leader stopped.
 * <p>
 * One table, {@code (state_key, state_value, updated)}, created when absent (option {@code createTable}). Updates are
 * compare-and-set: a node replaces a value only when it is still the one this node last read or wrote, so a stale
 * leader (one that lost its leadership without knowing yet, after a long pause or a lost session) cannot move a
 * position back over the new leader's. Such a write is refused with a {@link StateConflictException}, logged, and
 * fails the commit that asked for it; the consumer reads the stored position again at its next poll.
 * <p>
 * A key this node has not read yet is read before it is written. Values are plain text (the consumers store short
 * positions); {@code null} is not a value.
 * <p>
 * PostgreSQL DDL, when the application's user may not create tables:
 *
 * <pre>
 * CREATE TABLE ACCS_STATE (
 *     state_key   VARCHAR(512) PRIMARY KEY,
 *     state_value VARCHAR(4000),
 *     updated     TIMESTAMP NOT NULL
 * );
 * </pre>
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateRepository.class);
    /** The default table name. */
    public static final String DEFAULT_TABLE_NAME = "ACCS_STATE";
    private static final String OWNER = "JdbcStateRepository";

    private DataSource dataSource;
    private SqlTable table = new SqlTable(OWNER, DEFAULT_TABLE_NAME);
    private boolean createTable = true;
    private volatile boolean tableReady;
    /** Per key, the value this node last read or wrote: the only value it may replace. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** What this node last saw under a key; {@code exists} false when there was no row. */
    private record Seen(boolean exists, String value) {
    }

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The database every pod shares (required). */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return table.name();
    }

    /**
     * The table holding the positions (default {@code ACCS_STATE}): an SQL identifier, optionally
     * {@code schema.table}, of letters, digits and underscores.
     */
    public void setTableName(String tableName) {
        // at once: a repository that only a leader starts would otherwise fail on the pod that takes the leadership,
        // behind master:, where no probe sees it
        this.table = new SqlTable(OWNER, tableName);
    }

    public boolean isCreateTable() {
        return createTable;
    }

    /** Whether the table is created when it is absent (default true); false where the DDL is run by hand. */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    @Override
    protected void doStart() throws Exception {
        ensureTable();
    }

    /** Reads the value stored under {@code key} (null when none), and remembers it as the value this node may replace. */
    @Override
    public String getState(String key) {
        Objects.requireNonNull(key, "key");
        ensureTable();
        try (Connection c = dataSource.getConnection()) {
            Seen now = read(c, key);
            SqlTable.commit(c);
            seen.put(key, now);
            return now.value();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read state key " + key + " from table " + table + ": "
                                            + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code value} under {@code key} when the stored value is still the one this node last read or wrote.
     *
     * @throws StateConflictException when another node changed it meanwhile: nothing is written
     */
    @Override
    public void setState(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            throw new IllegalArgumentException("A state value cannot be null (key " + key + ")");
        }
        ensureTable();
        Seen expected = seen.get(key);
        if (expected == null) {
            getState(key);
            expected = seen.get(key);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean written = expected.exists() ? update(c, key, expected.value(), value) : insert(c, key, value);
            if (!written) {
                Seen current = read(c, key);
                SqlTable.commit(c);
                String message = "State key " + key + " in table " + table + " was changed by another node to '"
                                 + current.value() + "' since this node " + (expected.exists()
                                         ? "read '" + expected.value() + "'" : "found it absent")
                                 + ": '" + value + "' is not stored, so that a node that is no longer the leader"
                                 + " cannot move the position back. The consumer reads the position again at its"
                                 + " next poll.";
                LOG.warn(message);
                throw new StateConflictException(message, key);
            }
            SqlTable.commit(c);
            seen.put(key, new Seen(true, value));
        } catch (SQLException e) {
            // it may have been written all the same (a commit that failed on the way back): read it again first
            seen.remove(key);
            throw new IllegalStateException("Could not store state key " + key + " in table " + table + ": "
                                            + e.getMessage(), e);
        }
    }

    private Seen read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state_value FROM " + table + " WHERE state_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Seen(true, rs.getString(1)) : new Seen(false, null);
            }
        }
    }

    private boolean update(Connection c, String key, String expected, String value) throws SQLException {
        String sql = "UPDATE " + table + " SET state_value = ?, updated = CURRENT_TIMESTAMP WHERE state_key = ? AND "
                     + (expected == null ? "state_value IS NULL" : "state_value = ?");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setString(2, key);
            if (expected != null) {
                s.setString(3, expected);
            }
            return s.executeUpdate() == 1;
        }
    }

    /** Inserts the first value of a key; false when another node inserted it first (the primary key refuses). */
    private boolean insert(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + table + " (state_key, state_value, updated) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            s.setString(1, key);
            s.setString(2, value);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if (SqlTable.isDuplicateKey(e)) {
                SqlTable.rollback(c);
                return false;
            }
            throw e;
        }
    }

    private void ensureTable() {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (tableReady) {
                return;
            }
            if (dataSource == null) {
                throw new IllegalArgumentException("JdbcStateRepository needs a dataSource: the database every pod"
                                                   + " shares");
            }
            try (Connection c = dataSource.getConnection()) {
                if (!table.exists(c, "state_key")) {
                    if (!createTable) {
                        throw new IllegalStateException("Table " + table + " does not exist and createTable is"
                                                        + " false: create it (see the Javadoc of JdbcStateRepository)"
                                                        + " or set createTable=true");
                    }
                    if (table.create(c, "state_key", "state_key VARCHAR(512) PRIMARY KEY, state_value VARCHAR(4000),"
                                                     + " updated TIMESTAMP NOT NULL")) {
                        LOG.info("Created table {} for the positions of the Commerce consumers", table);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not use table " + table + " for state: " + e.getMessage(), e);
            }
            tableReady = true;
        }
    }

    @Override
    public String toString() {
        return "JdbcStateRepository[" + table + "]";
    }
}
