package org.clearwatch.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The size of the run's checkpoints, read from the MiniCluster's REST API ({@code
 * /jobs/:id/checkpoints}) while the job runs: the bench keeps the largest completed checkpoint it
 * saw. A bounded job's last checkpoints are taken after the input ended and its timers fired, so
 * the largest one, not the last one, is the state a running job holds for the workload's accounts.
 */
final class CheckpointSizes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointSizes() {}

    /**
     * One completed checkpoint: {@code stateSize} is its full size (every byte the restore would
     * read, incremental files included), {@code checkpointedSize} what this checkpoint wrote, and
     * {@code entriesRead} how far the source was when the bench saw it.
     */
    record Completed(long id, long stateSize, long checkpointedSize, long entriesRead) {

        Completed withEntriesRead(long read) {
            return new Completed(id, stateSize, checkpointedSize, read);
        }

        Completed larger(Completed other) {
            if (other == null) {
                return this;
            }
            return other.stateSize > stateSize ? other : this;
        }
    }

    /** The {@code latest.completed} checkpoint of a {@code /jobs/:id/checkpoints} answer. */
    static Optional<Completed> latestCompleted(String json) {
        try {
            JsonNode completed = JSON.readTree(json).path("latest").path("completed");
            if (!completed.isObject() || !completed.has("state_size")) {
                return Optional.empty();
            }
            return Optional.of(
                    new Completed(
                            completed.path("id").asLong(),
                            completed.path("state_size").asLong(),
                            completed.path("checkpointed_size").asLong(),
                            0));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The line the bench prints: the largest checkpoint's full size, divided by the workload's
     * accounts.
     */
    static String stateLine(String backend, Completed largest, long events, int accounts) {
        if (largest == null) {
            return String.format(
                    Locale.ROOT,
                    "state (%s): no checkpoint completed while the job ran; try a shorter"
                            + " --checkpoint-interval",
                    backend);
        }
        return String.format(
                Locale.ROOT,
                "state (%s): largest completed checkpoint #%d, %,d bytes full size (%,d written by"
                        + " it), after %,d of %,d entries; %,d accounts -> %,.0f bytes per account",
                backend,
                largest.id(),
                largest.stateSize(),
                largest.checkpointedSize(),
                largest.entriesRead(),
                events,
                accounts,
                largest.stateSize() / (double) accounts);
    }

    /** A port nobody listens on right now, for the MiniCluster's REST endpoint. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's {@code latest.completed} checkpoint; empty when none yet or on any error. */
    static Optional<Completed> poll(int port, String jobId) {
        try {
            HttpURLConnection http =
                    (HttpURLConnection)
                            URI.create(
                                            "http://localhost:"
                                                    + port
                                                    + "/jobs/"
                                                    + jobId
                                                    + "/checkpoints")
                                    .toURL()
                                    .openConnection();
            http.setConnectTimeout(2_000);
            http.setReadTimeout(5_000);
            try (InputStream in = http.getInputStream()) {
                return latestCompleted(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                http.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
