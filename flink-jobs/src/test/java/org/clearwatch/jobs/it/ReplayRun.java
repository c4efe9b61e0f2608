package org.clearwatch.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.clearwatch.jobs.replay.ReplayCommand;

/**
 * What one {@code clearwatch replay} printed: alert lines on stdout, its summary on stderr. A run
 * that does not exit 0 fails the test, showing stderr.
 */
record ReplayRun(String out, String err) {

    static ReplayRun of(String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                ReplayCommand.run(
                        argv,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        ReplayRun run =
                new ReplayRun(
                        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(exit).as(run.err()).isZero();
        return run;
    }

    /** The alert lines. */
    List<String> lines() {
        return out.lines().toList();
    }
}
