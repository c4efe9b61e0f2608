package org.clearwatch.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees for a command line or configuration to correct: one sentence, exit code 2. */
class AlertHistoryMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... argv) {
        return AlertHistoryMain.run(
                argv,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutConfigItSaysWhatItNeeds() {
        assertThat(run()).isEqualTo(2);
        assertThat(err())
                .isEqualTo(
                        "clearwatch: history needs --config FILE (deploy/local/history.properties"
                                + " is an example).\n");
    }

    @Test
    void unknownArgumentIsNamed() {
        assertThat(run("--conf", "x")).isEqualTo(2);
        assertThat(err()).contains("'history' takes only --config FILE, got '--conf'.");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThat(run("--config", dir.resolve("none.properties").toString())).isEqualTo(2);
        assertThat(err()).contains("none.properties does not exist or is not a readable file.");
    }

    @Test
    void badValueIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.properties");
        Files.writeString(file, "kafka.bootstrap-servers = 127.0.0.1:1\ndb.url = mysql://x\n");

        assertThat(run("--config=" + file)).isEqualTo(2);
        assertThat(err()).startsWith("clearwatch: db.url must be a PostgreSQL JDBC URL");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void unreachableDatabaseEndsWithExitCode1AndTheUrl(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = dir.resolve("h.properties");
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/clearwatch";
        Files.writeString(
                file,
                "kafka.bootstrap-servers = 127.0.0.1:1\ndb.url = " + url + "\nmetrics.port = 0\n");

        assertThat(run("--config", file.toString())).isEqualTo(1);
        assertThat(err())
                .startsWith("clearwatch: history failed: cannot migrate the database at " + url);
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("history --config FILE");
    }
}
