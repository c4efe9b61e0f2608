package org.clearwatch.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL panels of Grafana dashboards (those whose data source is the {@code history} PostgreSQL
 * variable), and their queries with Grafana's macros replaced as Grafana's PostgreSQL data source
 * replaces them. Only the macros Clearwatch allows in panels are known; any other is an error.
 */
final class SqlPanels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HISTORY_UIDS = Set.of("${history}", "$history");
    private static final Set<String> POSTGRES_TYPES =
            Set.of("grafana-postgresql-datasource", "postgres");

    /** One query of one panel. */
    record Query(String file, String panel, String refId, String rawSql) {
        @Override
        public String toString() {
            return file + ": " + panel + " [" + refId + "]";
        }
    }

    /** The values the macros stand for. */
    record Values(
            Instant from, Instant to, Collection<String> townships, Collection<String> models) {}

    private SqlPanels() {}

    /** The SQL queries of the dashboards ({@code *.json}) directly in a directory. */
    static List<Query> inDirectory(Path dir) throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                queries.addAll(
                        inDashboard(file.getFileName().toString(), JSON.readTree(file.toFile())));
            }
        }
        return queries;
    }

    static List<Query> inDashboard(String file, JsonNode root) {
        JsonNode dashboard = root.has("dashboard") ? root.get("dashboard") : root;
        List<Query> queries = new ArrayList<>();
        collect(file, dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(String file, JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            // Rows hold their panels inside when collapsed.
            collect(file, panel.path("panels"), into);
            for (JsonNode target : panel.path("targets")) {
                JsonNode source =
                        target.has("datasource")
                                ? target.get("datasource")
                                : panel.path("datasource");
                if (isHistory(source) && target.hasNonNull("rawSql")) {
                    into.add(
                            new Query(
                                    file,
                                    panel.path("title").asText("panel " + panel.path("id")),
                                    target.path("refId").asText("?"),
                                    target.get("rawSql").asText()));
                }
            }
        }
    }

    private static boolean isHistory(JsonNode source) {
        if (source.isTextual()) {
            return HISTORY_UIDS.contains(source.asText());
        }
        return HISTORY_UIDS.contains(source.path("uid").asText())
                || (POSTGRES_TYPES.contains(source.path("type").asText()) && !source.has("uid"));
    }

    private static final Pattern TIME_FILTER =
            Pattern.compile("\\$__timeFilter\\(((?:[^()]|\\([^()]*\\))+)\\)");
    private static final Pattern TIME_FROM = Pattern.compile("\\$__timeFrom\\(\\s*\\)");
    private static final Pattern TIME_TO = Pattern.compile("\\$__timeTo\\(\\s*\\)");
    private static final Pattern LEFTOVER = Pattern.compile("\\$(\\{[^}]*\\}|[A-Za-z_]\\w*)");

    /** The query as Grafana sends it; throws if it uses a macro or variable not allowed. */
    static String substitute(String sql, Values v) {
        String from = "'" + v.from() + "'";
        String to = "'" + v.to() + "'";
        String out =
                TIME_FILTER
                        .matcher(sql)
                        .replaceAll(
                                m ->
                                        Matcher.quoteReplacement(
                                                m.group(1).trim()
                                                        + " BETWEEN "
                                                        + from
                                                        + " AND "
                                                        + to));
        out = TIME_FROM.matcher(out).replaceAll(Matcher.quoteReplacement(from));
        out = TIME_TO.matcher(out).replaceAll(Matcher.quoteReplacement(to));
        out = variable(out, "township", v.townships());
        out = variable(out, "model", v.models());
        Matcher leftover = LEFTOVER.matcher(out);
        if (leftover.find()) {
            throw new IllegalArgumentException(
                    "uses "
                            + leftover.group()
                            + ", which is not one of the macros and variables SQL panels may use"
                            + " ($__timeFilter(column), $__timeFrom(), $__timeTo(), $township,"
                            + " $model)");
        }
        return out;
    }

    /** A multi-value variable with every value selected, as a list of SQL strings. */
    private static String variable(String sql, String name, Collection<String> values) {
        String list =
                values.stream()
                        .map(s -> "'" + s.replace("'", "''") + "'")
                        .collect(Collectors.joining(","));
        Pattern p =
                Pattern.compile(
                        "\\$\\{"
                                + name
                                + "(?::(?:csv|sqlstring|singlequote))?\\}|\\$"
                                + name
                                + "\\b");
        return p.matcher(sql).replaceAll(Matcher.quoteReplacement(list));
    }
}
