package io.camelaccs.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared positions on an embedded H2 database: two repository instances on one DataSource stand for two pods.
 */
class JdbcStateRepositoryTest {

    private JdbcDataSource db;

    @BeforeEach
    void database() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:state-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private JdbcStateRepository node() {
        JdbcStateRepository repo = new JdbcStateRepository(db);
        repo.start();
        return repo;
    }

    @Test
    void theTableIsCreatedAndEveryNodeSeesWhatAnotherWrote() throws Exception {
        JdbcStateRepository a = node();
        JdbcStateRepository b = node();
        assertNull(a.getState("accs:orders"));
        a.setState("accs:orders", "2026-01-01 00:00:00|42");
        assertEquals("2026-01-01 00:00:00|42", b.getState("accs:orders"));
        b.setState("accs:orders", "2026-01-01 00:00:05|43");
        assertEquals("2026-01-01 00:00:05|43", a.getState("accs:orders"));
        a.setState("accs:orders", "2026-01-01 00:00:09|44");
        assertEquals("2026-01-01 00:00:09|44", node().getState("accs:orders"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ACCS_STATE WHERE updated IS NOT NULL")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void aStaleLeaderCannotMoveThePositionBackOverTheNewLeaders() {
        JdbcStateRepository oldLeader = node();
        JdbcStateRepository newLeader = node();
        oldLeader.setState("accs:orders", "2026-01-01 00:00:10|100");
        // the old leader pauses; the new one takes over from the shared position and moves it on
        assertEquals("2026-01-01 00:00:10|100", newLeader.getState("accs:orders"));
        newLeader.setState("accs:orders", "2026-01-01 00:00:30|300");

        StateConflictException refused = assertThrows(StateConflictException.class,
                () -> oldLeader.setState("accs:orders", "2026-01-01 00:00:12|120"));
        assertEquals("accs:orders", refused.getKey());
        assertTrue(refused.getMessage().contains("changed by another node to '2026-01-01 00:00:30|300'")
                   && refused.getMessage().contains("'2026-01-01 00:00:12|120' is not stored"), refused.getMessage());
        assertEquals("2026-01-01 00:00:30|300", newLeader.getState("accs:orders"));
        // refused again until it reads the position anew
        assertThrows(StateConflictException.class, () -> oldLeader.setState("accs:orders", "2026-01-01 00:00:13|130"));
        newLeader.setState("accs:orders", "2026-01-01 00:00:31|310");
        assertEquals("2026-01-01 00:00:31|310", oldLeader.getState("accs:orders"));
        oldLeader.setState("accs:orders", "2026-01-01 00:00:40|400");
        assertEquals("2026-01-01 00:00:40|400", newLeader.getState("accs:orders"));
    }

    @Test
    void twoNodesWritingTheFirstPositionOfAKeyOneWinsTheOtherIsRefused() {
        JdbcStateRepository a = node();
        JdbcStateRepository b = node();
        assertNull(a.getState("accs-events:mirror"));
        assertNull(b.getState("accs-events:mirror"));
        a.setState("accs-events:mirror", "p-7");
        assertThrows(StateConflictException.class, () -> b.setState("accs-events:mirror", "p-3"));
        assertEquals("p-7", b.getState("accs-events:mirror"));
    }

    @Test
    void aTableNameThatIsNotAnSqlIdentifierIsRefusedNamingTheOption() {
        // refused when it is set, not when the repository starts: behind master: only the leader starts it
        for (String bad : new String[] { "ACCS_STATE; DROP TABLE X", "\"quoted\"", "a.b.c", "", "1abc", "ACCS STATE" }) {
            JdbcStateRepository repo = new JdbcStateRepository(db);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repo.setTableName(bad),
                    bad);
            assertTrue(e.getMessage().contains("Option tableName of JdbcStateRepository must be an SQL identifier"),
                    e.getMessage());
        }
        JdbcStateRepository schema = new JdbcStateRepository(db);
        schema.setTableName("PUBLIC.SYNC_POSITIONS");
        schema.start();
        schema.setState("k", "v");
        JdbcStateRepository other = new JdbcStateRepository(db);
        other.setTableName("PUBLIC.SYNC_POSITIONS");
        assertEquals("v", other.getState("k"));
    }

    @Test
    void withoutCreateTableAMissingTableFailsTheStartSayingWhatToDo() {
        JdbcStateRepository repo = new JdbcStateRepository(db);
        repo.setCreateTable(false);
        IllegalStateException e = assertThrows(IllegalStateException.class, repo::start);
        assertTrue(e.getMessage().contains("Table ACCS_STATE does not exist and createTable is false"), e.getMessage());
    }
}
