package org.clearwatch.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.clearwatch.jobs.local.FlinkRest;

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
     * The line the ledger bench prints: the largest checkpoint's full size, divided by the
     * workload's accounts.
     */
    static String stateLine(String backend, Completed largest, long events, int accounts) {
        return stateLine(backend, largest, events, "entries", accounts, "account", "accounts");
    }

    /**
     * The line a bench prints: the largest checkpoint's full size, divided by the workload's
     * entities ({@code one} / {@code many} name them). How far the source was is left out when it
     * is not known (negative).
     */
    static String stateLine(
            String backend,
            Completed largest,
            long events,
            String eventNoun,
            int entities,
            String one,
            String many) {
        if (largest == null) {
            return String.format(
                    Locale.ROOT,
                    "state (%s): no checkpoint completed while the job ran; try a shorter"
                            + " --checkpoint-interval",
                    backend);
        }
        String after =
                largest.entriesRead() < 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", after %,d of %,d %s",
                                largest.entriesRead(),
                                events,
                                eventNoun);
        return String.format(
                Locale.ROOT,
                "state (%s): largest completed checkpoint #%d, %,d bytes full size (%,d written by"
                        + " it)%s; %,d %s -> %,.0f bytes per %s",
                backend,
                largest.id(),
                largest.stateSize(),
                largest.checkpointedSize(),
                after,
                entities,
                many,
                largest.stateSize() / (double) entities,
                one);
    }

    /**
     * What the job's source vertex named {@code source} (or a chain that starts with it, with or
     * without Flink's {@code "Source: "} in front) has sent on, from a {@code /jobs/:id} answer; -1
     * when the answer does not say. Flink refreshes these metrics every few seconds, so the count
     * lags.
     */
    static long recordsSent(String json, String source) {
        try {
            for (JsonNode vertex : JSON.readTree(json).path("vertices")) {
                String name = vertex.path("name").asText("");
                if (name.startsWith("Source: ")) {
                    name = name.substring("Source: ".length());
                }
                if (name.equals(source) || name.startsWith(source + " ->")) {
                    JsonNode sent = vertex.path("metrics").path("write-records");
                    return sent.isNumber() ? sent.asLong() : -1;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@link #recordsSent(String, String)} asked of the running job; -1 on any error. */
    static long pollRecordsSent(int port, String jobId, String source) {
        return get(port, "/jobs/" + jobId).map(json -> recordsSent(json, source)).orElse(-1L);
    }

    /** The job's {@code latest.completed} checkpoint; empty when none yet or on any error. */
    static Optional<Completed> poll(int port, String jobId) {
        return get(port, "/jobs/" + jobId + "/checkpoints")
                .flatMap(CheckpointSizes::latestCompleted);
    }

    /** The REST API's answer at {@code path}; empty on any error. */
    private static Optional<String> get(int port, String path) {
        return new FlinkRest(port).text(path);
    }
}
