package org.clearwatch.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clearwatch.history.AlertHistoryMain;
import org.clearwatch.jobs.bench.BenchCommand;
import org.clearwatch.jobs.config.ConfigException;
import org.clearwatch.jobs.demo.DemoCommand;
import org.clearwatch.jobs.replay.ReplayCommand;

/**
 * The single entry point: {@code ./clearwatch <command>} locally, and the job jar's main class on a
 * cluster. A mistake in the command line or the configuration ends with one sentence and exit code
 * 2; a failure while running with a sentence and exit code 1. Set CLEARWATCH_DEBUG=1 for stack
 * traces.
 */
public final class Clearwatch {

    private Clearwatch() {}

    public static void main(String[] argv) {
        if (!insideFlinkClient()) {
            System.exit(run(argv, System.out, System.err));
        }
        // Submitted through a cluster's REST API, main runs inside the JobManager: exiting would
        // end the JobManager. The sentence a failure printed travels back as the exception.
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new TeeOutputStream(System.err, said), true);
        int code = run(argv, System.out, err);
        if (code != 0) {
            throw new IllegalArgumentException(
                    said.toString(StandardCharsets.UTF_8).strip() + " (exit code " + code + ")");
        }
    }

    /** True when a Flink client (the REST jar run handler, {@code flink run}) runs this main. */
    static boolean insideFlinkClient() {
        try {
            return StreamExecutionEnvironment.getExecutionEnvironment()
                    instanceof StreamContextEnvironment;
        } catch (LinkageError e) {
            return false; // no Flink client on the class path: run from the launcher
        }
    }

    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            usage(argv.length == 0 ? err : out);
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            switch (command) {
                case "demo":
                    return DemoCommand.run(rest, out, err);
                case "replay":
                    return ReplayCommand.run(rest, out, err);
                case "run":
                    return RunCommand.run(rest, out, err);
                case "models":
                    return ModelsCommand.run(rest, out, err);
                case "bench":
                    return BenchCommand.run(rest, out, err);
                case "history":
                    return AlertHistoryMain.run(rest, out, err);
                case "notify":
                    return org.clearwatch.notifier.NotifierMain.run(rest, out, err);
                default:
                    throw new UsageException(
                            "Unknown command '"
                                    + command
                                    + "'; run './clearwatch help' for the list.");
            }
        } catch (UsageException | ConfigException e) {
            err.println("clearwatch: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("clearwatch: " + command + " failed: " + rootMessage(e));
            if (System.getenv("CLEARWATCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void usage(PrintStream out) {
        out.println("Clearwatch: real-time supervision of village ledgers on Apache Flink.");
        out.println();
        out.println("Usage: ./clearwatch <command> [options]");
        out.println("  " + DemoCommand.USAGE);
        out.println("  " + ReplayCommand.USAGE);
        out.println("  " + RunCommand.USAGE);
        out.println("  " + ModelsCommand.USAGE);
        out.println("  " + BenchCommand.USAGE);
        out.println("  " + AlertHistoryMain.USAGE);
        out.println("  " + org.clearwatch.notifier.NotifierMain.USAGE);
        out.println("  help                                          this text");
    }
}
