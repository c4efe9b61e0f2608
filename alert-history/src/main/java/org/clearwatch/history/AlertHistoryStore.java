package org.clearwatch.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code alert_history} table: its migrations, and the upsert of a batch of rows in one
 * transaction.
 *
 * <p>The upsert is {@code INSERT ... ON CONFLICT (alert_id, kind) DO UPDATE ... WHERE the incoming
 * record was published later}. A replayed record (the same Kafka record read again after a crash or
 * a reset of the group) has the same timestamp and changes nothing: it counts as a duplicate
 * absorbed. An alert re-published later with the same id and kind (the job rerun over the same
 * input) replaces the row, so the row always holds the newest publication; an older record read
 * after a newer one never overwrites it. {@code DO NOTHING} would absorb replays too, but would
 * keep a stale row forever once the job corrects an alert.
 */
public final class AlertHistoryStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertHistoryStore.class);

    static final String UPSERT =
            "INSERT INTO alert_history (alert_id, kind, model_id, model_version, severity,"
                    + " entity_type, entity_id, township_code, village_code, title, summary,"
                    + " amount_fen, evidence, facts, event_time, detected_at, published_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)"
                    + " ON CONFLICT (alert_id, kind) DO UPDATE SET"
                    + " model_id = EXCLUDED.model_id, model_version = EXCLUDED.model_version,"
                    + " severity = EXCLUDED.severity, entity_type = EXCLUDED.entity_type,"
                    + " entity_id = EXCLUDED.entity_id, township_code = EXCLUDED.township_code,"
                    + " village_code = EXCLUDED.village_code, title = EXCLUDED.title,"
                    + " summary = EXCLUDED.summary, amount_fen = EXCLUDED.amount_fen,"
                    + " evidence = EXCLUDED.evidence, facts = EXCLUDED.facts,"
                    + " event_time = EXCLUDED.event_time, detected_at = EXCLUDED.detected_at,"
                    + " published_at = EXCLUDED.published_at, written_at = now()"
                    + " WHERE EXCLUDED.published_at > alert_history.published_at";

    /** What one transaction did. */
    public record Outcome(int written, int unchanged, List<String> rejectedKeys) {}

    /** Called inside the transaction, after the rows and before the commit (tests only). */
    interface BeforeCommit {
        BeforeCommit NONE = connection -> {};

        void run(Connection connection) throws SQLException;
    }

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public AlertHistoryStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Brings the schema to the newest version under {@code db/migration}. */
    public static int migrate(String url, String user, String password) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /**
     * Upserts the rows in one transaction. A row the database refuses as data (SQLSTATE classes 22
     * and 23) is left out and named in the outcome, the others are written; any other failure rolls
     * back everything, drops the connection and is thrown, for the caller to retry.
     */
    public Outcome write(List<AlertRow> rows, BeforeCommit beforeCommit) throws SQLException {
        Connection c = connection();
        try {
            Outcome outcome;
            try {
                outcome = batch(c, rows);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                c.rollback();
                outcome = oneByOne(c, rows);
            }
            beforeCommit.run(c);
            c.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    private static Outcome batch(Connection c, List<AlertRow> rows) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            for (AlertRow row : rows) {
                bind(upsert, row);
                upsert.addBatch();
            }
            int written = 0;
            for (int count : upsert.executeBatch()) {
                written += count > 0 ? 1 : 0;
            }
            return new Outcome(written, rows.size() - written, List.of());
        }
    }

    private static Outcome oneByOne(Connection c, List<AlertRow> rows) throws SQLException {
        int written = 0;
        int unchanged = 0;
        List<String> rejected = new ArrayList<>();
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            for (AlertRow row : rows) {
                Savepoint before = c.setSavepoint();
                try {
                    bind(upsert, row);
                    if (upsert.executeUpdate() > 0) {
                        written++;
                    } else {
                        unchanged++;
                    }
                    c.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (!isDataError(e)) {
                        throw e;
                    }
                    c.rollback(before);
                    rejected.add(row.key());
                    // The alert id is not personal; the message may quote values, so only the
                    // SQLSTATE is logged.
                    LOG.warn(
                            "Alert {} not written: the database refused it (SQLSTATE {})",
                            row.key(),
                            e.getSQLState());
                }
            }
        }
        return new Outcome(written, unchanged, rejected);
    }

    private static void bind(PreparedStatement s, AlertRow row) throws SQLException {
        s.setString(1, row.alertId());
        s.setString(2, row.kind());
        s.setString(3, row.modelId());
        s.setString(4, row.modelVersion());
        s.setString(5, row.severity());
        s.setString(6, row.entityType());
        s.setString(7, row.entityId());
        s.setString(8, row.townshipCode());
        s.setString(9, row.villageCode());
        s.setString(10, row.title());
        s.setString(11, row.summary());
        if (row.amountFen() == null) {
            s.setNull(12, Types.BIGINT);
        } else {
            s.setLong(12, row.amountFen());
        }
        s.setString(13, row.evidenceJson());
        s.setString(14, row.factsJson());
        s.setObject(15, utc(row.eventTime()));
        s.setObject(16, utc(row.detectedAt()));
        s.setObject(17, utc(row.publishedAt()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static boolean isDataError(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(false);
            connection = c;
        }
        return connection;
    }

    /** Rolls back and forgets the connection; the next write opens a new one. */
    private void discard() {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection may be gone already; closing it is all that is left
        }
        try {
            c.close();
        } catch (SQLException e) {
            // as above
        }
    }

    @Override
    public void close() {
        discard();
    }
}
