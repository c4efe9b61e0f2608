package org.clearwatch.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Child-JVM side of {@link LocalKafka}: formats the storage directory on first use, runs a combined
 * broker+controller in this JVM and stops it when standard input reaches EOF.
 *
 * <p>Standard input is the lifeline to the parent: the parent holds the only write end of the pipe,
 * so EOF arrives both when the parent closes it on purpose and when the parent dies in any way,
 * including {@code kill -9}. That is what guarantees no broker outlives its owner.
 *
 * <p>Usage: {@code LocalKafkaMain <server.properties>}
 */
public final class LocalKafkaMain {

    /** Printed to stdout (i.e. the log file) once the broker has started. */
    static final String READY_MARKER = "LOCAL-KAFKA READY";

    /** A broker that cannot stop within this time is halted; the parent must not wait forever. */
    static final long SHUTDOWN_WATCHDOG_MS = TimeUnit.SECONDS.toMillis(15);

    /**
     * A directory to delete after the broker stopped on EOF, set for temporary data dirs only. The
     * parent deletes it too, but cannot when it was killed.
     */
    static final String DELETE_ON_EXIT_PROPERTY = "clearwatch.localkafka.deleteOnExit";

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private LocalKafkaMain() {}

    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {});
        } catch (IllegalArgumentException e) {
            // Not on this platform: the JVM's default stays.
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: LocalKafkaMain <server.properties>");
            System.exit(2);
        }
        Path propertiesFile = Path.of(args[0]);
        Properties properties;
        KafkaRaftServer server;
        try {
            properties = load(propertiesFile);
            formatIfNeeded(propertiesFile, properties);
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        } catch (Throwable t) {
            System.err.println("Local Kafka could not be set up: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }

        // Ctrl-C in a terminal reaches the whole process group. The parent decides when the
        // broker stops (it may still need it to commit), so the child leaves SIGINT to it; it
        // still stops when its stdin closes, even after kill -9 of the parent.
        ignoreInterrupt();

        // Covers SIGTERM to the child and Kafka's own fatal-error exits.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(server), "local-kafka-shutdown-hook"));

        try {
            server.startup();
        } catch (Throwable t) {
            System.err.println("Local Kafka failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println(READY_MARKER + " " + properties.getProperty("listeners"));
        System.out.flush();

        awaitEndOfInput(System.in);
        System.out.println("Local Kafka: standard input closed, shutting down");
        System.out.flush();
        stop(server);
        // Only here, on EOF: after a failed start the parent still wants to read the log, and
        // EOF is the only way the child learns that the parent may have been killed.
        String deleteOnExit = System.getProperty(DELETE_ON_EXIT_PROPERTY);
        if (deleteOnExit != null && !deleteOnExit.isBlank()) {
            LocalKafka.deleteRecursively(Path.of(deleteOnExit));
        }
        System.exit(0);
    }

    private static void stop(KafkaRaftServer server) {
        if (!STOPPING.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(SHUTDOWN_WATCHDOG_MS);
                            } catch (InterruptedException e) {
                                return;
                            }
                            System.err.println(
                                    "Local Kafka did not shut down within "
                                            + SHUTDOWN_WATCHDOG_MS
                                            + " ms, halting");
                            System.err.flush();
                            // halt, not exit: exit would wait for the very hook that hangs.
                            Runtime.getRuntime().halt(3);
                        },
                        "local-kafka-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (Throwable t) {
            System.err.println("Local Kafka shutdown failed: " + t);
            t.printStackTrace();
        }
        System.out.println("Local Kafka stopped");
        System.out.flush();
    }

    /** Blocks until EOF; an I/O error means the pipe is gone, which is the same thing. */
    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            System.err.println("Local Kafka: standard input failed (" + e + "), shutting down");
        }
    }

    private static void formatIfNeeded(Path propertiesFile, Properties properties) {
        String logDirs = properties.getProperty("log.dirs");
        if (logDirs == null || logDirs.isBlank()) {
            throw new IllegalArgumentException("log.dirs must be set in " + propertiesFile);
        }
        boolean formatted = true;
        for (String dir : logDirs.split(",")) {
            formatted &= Files.exists(Path.of(dir.trim()).resolve("meta.properties"));
        }
        if (formatted) {
            return;
        }
        // The quorum is configured statically (controller.quorum.voters), so neither
        // --standalone nor --initial-controllers applies; the voter endpoint then lives in the
        // configuration rather than in the log, which lets a reused data dir change ports.
        String[] formatArgs = {
            "format",
            "--config",
            propertiesFile.toString(),
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--ignore-formatted"
        };
        int exitCode = StorageTool.execute(formatArgs, System.out);
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "kafka-storage format failed with exit code " + exitCode);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        // ISO-8859-1 like Kafka's own loader; LocalKafka writes the file as escaped ASCII.
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}
