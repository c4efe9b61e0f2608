package org.clearwatch.history;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code clearwatch history --config FILE}: keeps the PostgreSQL alert history up to date with the
 * alerts topic. Migrates the schema (Flyway), serves Prometheus metrics, then writes until stopped
 * (SIGTERM or Ctrl-C end it cleanly). The main class of {@code
 * clearwatch-alert-history-<version>-app.jar}; {@code ./clearwatch history} delegates to {@link
 * #run}.
 *
 * <p>A mistake in the command line or the configuration ends with one sentence and exit code 2, a
 * failure while running with a sentence and exit code 1, as for every Clearwatch command.
 */
public final class AlertHistoryMain {

    public static final String USAGE =
            "history --config FILE                         write alerts to the PostgreSQL history";

    private AlertHistoryMain() {}

    public static void main(String[] argv) {
        // Standalone (the app jar), log as the app; under ./clearwatch the launcher's file rules.
        if (System.getProperty("log4j2.configurationFile") == null
                && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-history.xml");
        }
        System.exit(run(argv, System.out, System.err));
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return run(argv, out, err, System.getenv());
    }

    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) {
        HistoryConfig config;
        try {
            Path file = configFile(argv);
            if (file == null) {
                out.println("Usage: clearwatch " + USAGE);
                return 0;
            }
            config = HistoryConfig.load(file, env);
        } catch (HistoryConfigException e) {
            err.println("clearwatch: " + e.getMessage());
            return 2;
        }
        HistoryMetrics metrics = new HistoryMetrics(config.alertsTopic());
        HTTPServer server;
        try {
            server = metrics.serve(config.metricsPort());
        } catch (IOException e) {
            err.println(
                    "clearwatch: metrics.port "
                            + config.metricsPort()
                            + " cannot be served ("
                            + e.getMessage()
                            + "); choose another port.");
            return 2;
        }
        try (server) {
            int migrations;
            try {
                migrations =
                        AlertHistoryStore.migrate(
                                config.dbUrl(), config.dbUser(), config.dbPassword());
            } catch (RuntimeException e) {
                err.println(
                        "clearwatch: history failed: cannot migrate the database at "
                                + config.dbUrl()
                                + ": "
                                + rootMessage(e));
                return 1;
            }
            AlertHistoryWriter writer = new AlertHistoryWriter(config, metrics);
            Thread stopper =
                    new Thread(
                            () -> {
                                writer.stop();
                                try {
                                    writer.awaitStop(Duration.ofSeconds(10));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "alert-history-stopper");
            Runtime.getRuntime().addShutdownHook(stopper);
            err.println(
                    "clearwatch: alert history: "
                            + migrations
                            + " migration(s) applied to "
                            + config.dbUrl()
                            + "; reading "
                            + config.alertsTopic()
                            + " as group "
                            + config.groupId()
                            + "; metrics on http://localhost:"
                            + server.getPort()
                            + "/metrics");
            try {
                writer.run();
            } catch (RuntimeException e) {
                err.println("clearwatch: history failed: " + rootMessage(e));
                return 1;
            }
            return 0;
        }
    }

    /** The --config file, or null for help; throws for anything else. */
    private static Path configFile(String[] argv) {
        String file = null;
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("help") || arg.equals("--help")) {
                return null;
            } else if (arg.equals("--config") && i + 1 < argv.length) {
                file = argv[++i];
            } else if (arg.startsWith("--config=")) {
                file = arg.substring("--config=".length());
            } else if (arg.equals("--config")) {
                throw new HistoryConfigException("--config needs a value.");
            } else {
                throw new HistoryConfigException(
                        "'history' takes only --config FILE, got '" + arg + "'.");
            }
        }
        if (file == null) {
            throw new HistoryConfigException(
                    "history needs --config FILE (deploy/local/history.properties is an example).");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new HistoryConfigException(
                    "Configuration file " + file + " does not exist or is not a readable file.");
        }
        return path;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
