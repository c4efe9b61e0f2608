package org.clearwatch.notifier;

import java.io.PrintStream;
import java.nio.file.Path;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.plan.NotifyConfigException;

/**
 * {@code ./clearwatch notify --config FILE}, or {@code java -jar
 * clearwatch-notifier-0.1.0-SNAPSHOT-app.jar --config FILE}: pushes committed alerts until stopped
 * (SIGTERM or Ctrl-C). A wrong argument or configuration ends with one sentence and exit code 2.
 */
public final class NotifierMain {

    public static final String USAGE =
            "notify --config FILE                          push alerts to inspectors (docs/NOTIFY.md)";

    private NotifierMain() {}

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Path file;
        try {
            file = configFile(argv);
        } catch (NotifyConfigException e) {
            err.println("clearwatch notify: " + e.getMessage());
            return 2;
        }
        NotifierConfig config;
        try {
            config = NotifierConfig.load(file, System.getenv());
        } catch (NotifyConfigException e) {
            err.println("clearwatch notify: " + e.getMessage());
            return 2;
        }
        try (Notifier notifier = Notifier.start(config, null)) {
            Thread stopper = new Thread(notifier::close, "notify-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            out.println(
                    "clearwatch notify: reading "
                            + config.topics().alerts()
                            + " as "
                            + Notifier.CONSUMER_GROUP
                            + "; "
                            + notifier.restoredPending()
                            + " deliveries resumed from "
                            + config.topics().ledger()
                            + "; metrics and acknowledgements on port "
                            + notifier.httpPort());
            notifier.awaitStop();
            return 0;
        } catch (Exception e) {
            err.println("clearwatch notify: failed: " + rootMessage(e));
            if (System.getenv("CLEARWATCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static Path configFile(String[] argv) {
        Path file = null;
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--config") && i + 1 < argv.length) {
                file = Path.of(argv[++i]);
            } else if (argv[i].startsWith("--config=")) {
                file = Path.of(argv[i].substring("--config=".length()));
            } else {
                throw new NotifyConfigException(
                        "unknown argument '" + argv[i] + "'; usage: notify --config FILE.");
            }
        }
        if (file == null) {
            throw new NotifyConfigException("--config FILE is required.");
        }
        return file;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
