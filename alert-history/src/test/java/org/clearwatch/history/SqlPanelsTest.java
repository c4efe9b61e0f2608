package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding SQL panels in dashboards and replacing their macros, without a database. */
class SqlPanelsTest {

    private static final SqlPanels.Values VALUES =
            new SqlPanels.Values(
                    Instant.parse("2025-09-01T00:00:00Z"),
                    Instant.parse("2025-11-01T00:00:00Z"),
                    List.of("330299101", "330299102"),
                    List.of("late-deposit"));

    static Path fixtures() throws URISyntaxException {
        return Path.of(SqlPanelsTest.class.getResource("/dashboards").toURI());
    }

    @Test
    void findsTheHistoryPanelsIncludingThoseInCollapsedRowsAndSkipsPrometheusPanels()
            throws Exception {
        List<SqlPanels.Query> queries = SqlPanels.inDirectory(fixtures());

        assertThat(queries)
                .extracting(SqlPanels.Query::panel)
                .containsExactly("Latest alerts", "Alerts by model and day");
    }

    @Test
    void replacesTheTimeMacrosAsGrafanaDoes() {
        String sql =
                SqlPanels.substitute(
                        "SELECT 1 FROM t WHERE $__timeFilter(event_time) AND x >= $__timeFrom()"
                                + " AND x < $__timeTo()",
                        VALUES);

        assertThat(sql)
                .isEqualTo(
                        "SELECT 1 FROM t WHERE event_time BETWEEN '2025-09-01T00:00:00Z' AND"
                                + " '2025-11-01T00:00:00Z' AND x >= '2025-09-01T00:00:00Z'"
                                + " AND x < '2025-11-01T00:00:00Z'");
    }

    @Test
    void replacesTheTimeFilterOfAnExpressionWithParentheses() {
        assertThat(SqlPanels.substitute("WHERE $__timeFilter(coalesce(a, b))", VALUES))
                .isEqualTo(
                        "WHERE coalesce(a, b) BETWEEN '2025-09-01T00:00:00Z' AND"
                                + " '2025-11-01T00:00:00Z'");
    }

    @Test
    void replacesTownshipAndModelWithQuotedListsInEveryForm() {
        assertThat(
                        SqlPanels.substitute(
                                "township_code IN ($township) AND model_id IN (${model})"
                                        + " AND t IN (${township:singlequote})",
                                VALUES))
                .isEqualTo(
                        "township_code IN ('330299101','330299102') AND model_id IN"
                                + " ('late-deposit') AND t IN ('330299101','330299102')");
    }

    @Test
    void refusesAMacroOrVariableThatPanelsMayNotUse() {
        assertThatThrownBy(
                        () -> SqlPanels.substitute("WHERE $__timeGroup(event_time, '1h')", VALUES))
                .hasMessageContaining("$__timeGroup");
        assertThatThrownBy(() -> SqlPanels.substitute("WHERE village_code IN ($village)", VALUES))
                .hasMessageContaining("$village");
    }
}
