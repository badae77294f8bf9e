package io.camelaccs.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A table the component keeps shared state in ({@link JdbcStateRepository}, {@code JdbcEventClaims}): a name that is
 * an SQL identifier, never spliced text, and the few steps both need on any database: whether the table exists,
 * creating it when several nodes start at once, and ending a statement's transaction whether or not the pool's
 * connections commit by themselves.
 */
public final class SqlTable {

    /** An SQL identifier, optionally schema-qualified, never quoted. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private final String name;

    /**
     * @param  owner                    the class whose option {@code tableName} this is, named in the error
     * @throws IllegalArgumentException when the name is not an SQL identifier
     */
    public SqlTable(String owner, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Option tableName of " + owner + " must be an SQL identifier (letters,"
                                               + " digits, _; optionally schema.table, up to 63 characters each), but"
                                               + " was '" + name + "'");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Whether the table exists, probed by selecting {@code column} from no row. */
    public boolean exists(Connection c, String column) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + column + " FROM " + name + " WHERE 1 = 0").close();
            commit(c);
            return true;
        } catch (SQLException e) {
            // a failed statement aborts the transaction on PostgreSQL: end it before the next one
            rollback(c);
            return false;
        }
    }

    /**
     * Creates the table with {@code columns} (the DDL between the parentheses).
     *
     * @return false when another node created it meanwhile
     */
    public boolean create(Connection c, String column, String columns) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + name + " (" + columns + ")");
            commit(c);
            return true;
        } catch (SQLException e) {
            rollback(c);
            if (exists(c, column)) {
                return false;
            }
            throw e;
        }
    }

    /** Commits, where the pool hands out connections that do not commit by themselves. */
    public static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Ends a failed statement's transaction, so that the next statement on the connection can run. */
    public static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection goes back to the pool; the pool resets it
        }
    }

    /** SQLSTATE class 23 (integrity constraint violation): how every database reports a duplicate primary key. */
    public static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return e instanceof SQLIntegrityConstraintViolationException;
    }

    @Override
    public String toString() {
        return name;
    }
}
