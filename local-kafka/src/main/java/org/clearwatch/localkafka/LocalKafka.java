package org.clearwatch.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) on 127.0.0.1, run as a
 * child JVM of the caller.
 *
 * <p>A separate JVM keeps Kafka's Scala runtime, threads and heap away from the Flink mini-cluster
 * of the caller, and makes "stop everything" a matter of ending one process. The child watches its
 * standard input and shuts down on EOF, so it also stops when this JVM dies without running any
 * hook.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopic("events", 2, Map.of());
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    /**
     * Broker-side cap on {@code transaction.timeout.ms}. The broker rejects a transactional
     * producer asking for more than this, and the Flink transactional sink of the project asks for
     * 10 minutes, so the cap must stay comfortably above that (Kafka's default is 15 minutes too,
     * it is pinned here so the dependency cannot silently change under the sink).
     */
    public static final int TRANSACTION_MAX_TIMEOUT_MS = 900_000;

    /** Classpath resource with the child's log4j2 configuration; unique name across modules. */
    static final String LOG4J_CONFIG_RESOURCE = "log4j2-local-kafka.xml";

    static final String LOG_FILE_NAME = "local-kafka.log";

    private static final String LOOPBACK = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final int LOG_TAIL_LINES = 60;

    /** Ports are probed then released, so another process may grab one before the broker. */
    private static final int MAX_START_ATTEMPTS_WITH_FREE_PORTS = 3;

    private final Process process;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Path logFile;
    private final long logStartOffset;
    private final int brokerPort;
    private final int controllerPort;
    private final Duration shutdownTimeout;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Admin admin;

    private LocalKafka(
            Process process,
            Path dataDir,
            boolean ownsDataDir,
            Path logFile,
            long logStartOffset,
            int brokerPort,
            int controllerPort,
            Duration shutdownTimeout) {
        this.process = process;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.logFile = logFile;
        this.logStartOffset = logStartOffset;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.shutdownTimeout = shutdownTimeout;
        this.shutdownHook = new Thread(this::stopFromShutdownHook, "local-kafka-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker on free loopback ports with a temporary data directory. */
    public static LocalKafka start() {
        return start(Options.defaults());
    }

    /**
     * Starts a broker and blocks until it answers {@code describeCluster}.
     *
     * @throws IllegalStateException if the broker does not come up in time or its JVM exits; the
     *     message carries the tail of the broker's log
     */
    public static LocalKafka start(Options options) {
        Options o = options.copy();
        boolean freePorts = o.brokerPort == 0 || o.controllerPort == 0;
        int attempts = freePorts ? MAX_START_ATTEMPTS_WITH_FREE_PORTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(o);
            } catch (PortTakenException e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                LOG.info("Local Kafka port was taken meanwhile, retrying with other ports");
            }
        }
    }

    private static LocalKafka startOnce(Options o) {
        long startNanos = System.nanoTime();
        boolean ownsDataDir = o.dataDir == null;
        Path dataDir;
        try {
            dataDir =
                    ownsDataDir
                            ? Files.createTempDirectory("clearwatch-kafka-")
                            : Files.createDirectories(o.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local Kafka data directory", e);
        }

        int[] ports;
        try {
            ports = choosePorts(o.brokerPort, o.controllerPort);
        } catch (RuntimeException e) {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
            throw e;
        }
        Path logFile = dataDir.resolve(LOG_FILE_NAME);
        long logStartOffset;
        Process process;
        try {
            // A reused data dir appends to the old log, whose ready marker must not count.
            logStartOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Path propertiesFile = dataDir.resolve("server.properties");
            writeServerProperties(
                    propertiesFile, brokerProperties(dataDir, ports[0], ports[1], o.brokerProps));
            Path argFile = dataDir.resolve("jvm.args");
            writeArgFile(argFile, jvmArguments(o, dataDir, ownsDataDir));
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    javaExecutable(),
                                    "@" + argFile,
                                    LocalKafkaMain.class.getName(),
                                    propertiesFile.toString())
                            .directory(dataDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.appendTo(logFile.toFile()));
            // The child's JVM options are exactly the ones above; an inherited agent or debug
            // port from the parent's environment would clash or slow the broker down.
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            process = builder.start();
        } catch (IOException e) {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
            throw new UncheckedIOException("Cannot start the local Kafka JVM", e);
        }

        LocalKafka kafka =
                new LocalKafka(
                        process,
                        dataDir,
                        ownsDataDir,
                        logFile,
                        logStartOffset,
                        ports[0],
                        ports[1],
                        o.shutdownTimeout);
        try {
            kafka.awaitReady(o.startupTimeout);
        } catch (RuntimeException | Error e) {
            kafka.close();
            throw e;
        }
        LOG.info(
                "Local Kafka started at {} (pid {}, data {}) in {} ms",
                kafka.bootstrapServers(),
                process.pid(),
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return kafka;
    }

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The broker JVM's stdout and stderr, including Kafka's WARN-and-above logging. */
    public Path logFile() {
        return logFile;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker JVM, e.g. to check that {@link #close()} really ended it. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader. An
     * existing topic of that name is accepted as is, whatever its partitions and configs.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    /** Like {@link #createTopic} for several topics in one request. */
    public void createTopics(Collection<NewTopic> topics) {
        Admin client = admin();
        Map<String, KafkaFuture<Void>> results = client.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Cannot create topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted creating topics", e);
            }
        }
        awaitLeaders(results.keySet(), Duration.ofSeconds(30));
    }

    /**
     * Producers and consumers retry on missing leaders anyway, but tests that assert on timing or
     * partition assignment are steadier if topics are fully usable when this returns.
     */
    private void awaitLeaders(Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin().describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                boolean allLed =
                        descriptions.values().stream()
                                .flatMap(d -> d.partitions().stream())
                                .map(TopicPartitionInfo::leader)
                                .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Metadata not propagated yet; poll again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for topic leaders", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + topics + " have no leaders yet");
            }
            sleepQuietly(50);
        }
    }

    /**
     * Stops the broker: EOF on its stdin asks it to shut down cleanly; a broker that has not exited
     * within the shutdown timeout is killed. A temporary data directory is deleted.
     */
    @Override
    public void close() {
        Admin client = admin;
        admin = null;
        if (client != null) {
            client.close(Duration.ofSeconds(5));
        }
        if (stop()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and the hook will find the work done.
            }
        }
    }

    private void stopFromShutdownHook() {
        stop();
    }

    /** Returns false if the broker was stopped before. */
    private boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        long startNanos = System.nanoTime();
        boolean interrupted = false;
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed: the child sees EOF either way.
        }
        try {
            if (!process.waitFor(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "Local Kafka (pid {}) did not stop within {}, killing it",
                        process.pid(),
                        shutdownTimeout);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        try {
            // A kill is asynchronous; the data dir can only go once nothing writes into it.
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("Local Kafka (pid {}) is still alive after kill", process.pid());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        LOG.info(
                "Local Kafka (pid {}) stopped in {} ms",
                process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            if (stopped.get()) {
                throw new IllegalStateException("Local Kafka is closed");
            }
            synchronized (this) {
                client = admin;
                if (client == null) {
                    Properties props = new Properties();
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-admin");
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
                    client = Admin.create(props);
                    admin = client;
                }
            }
        }
        return client;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // The marker comes after Kafka has bound its listeners. Waiting for it first keeps the
        // admin client from logging a warning per retry into the caller's log, and keeps it from
        // mistaking some other broker on a fixed port for ours.
        while (!logShowsReadyMarker()) {
            checkStillStarting(deadline, timeout, null);
            sleepQuietly(100);
        }
        Exception last = null;
        while (true) {
            checkStillStarting(deadline, timeout, last);
            try {
                if (!admin().describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                        .nodes()
                        .get(3, TimeUnit.SECONDS)
                        .isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting local Kafka", e);
            }
            sleepQuietly(100);
        }
    }

    private void checkStillStarting(long deadline, Duration timeout, Exception last) {
        if (!process.isAlive()) {
            String tail = tailOfLog();
            String message =
                    "Local Kafka JVM exited with code "
                            + process.exitValue()
                            + " during startup; "
                            + logDescription()
                            + ":\n"
                            + tail;
            if (tail.contains("BindException") || tail.contains("Address already in use")) {
                throw new PortTakenException(message);
            }
            throw new IllegalStateException(message);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                    "Local Kafka did not become ready within "
                            + timeout
                            + "; "
                            + logDescription()
                            + ":\n"
                            + tailOfLog(),
                    last);
        }
    }

    private String logDescription() {
        return "last lines of "
                + logFile
                + (ownsDataDir ? " (deleted with its temporary directory)" : "");
    }

    private boolean logShowsReadyMarker() {
        return readLogOfThisRun(false, 4 << 20).contains(LocalKafkaMain.READY_MARKER);
    }

    /** The last lines the broker JVM wrote since it was started by this instance. */
    String tailOfLog() {
        String text = readLogOfThisRun(true, 64 << 10);
        List<String> lines = List.of(text.split("\\R"));
        return String.join(
                "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /**
     * Reads at most {@code maxBytes} of what was appended to the log since this instance started
     * the broker, from the start of that or, with {@code fromEnd}, up to its end.
     */
    private String readLogOfThisRun(boolean fromEnd, int maxBytes) {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
            long size = channel.size();
            if (size <= logStartOffset) {
                return "";
            }
            int length = (int) Math.min(size - logStartOffset, maxBytes);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(fromEnd ? size - length : logStartOffset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Keep reading until the buffer is full or the file ends.
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static Map<String, String> brokerProperties(
            Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static single-voter quorum: nothing to join or bootstrap, and a reused data dir
        // keeps working when the ports change (the voter endpoint is not stored in the log).
        p.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + LOOPBACK
                        + ":"
                        + brokerPort
                        + ",CONTROLLER://"
                        + LOOPBACK
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("kraft-logs").toString());

        // One node: every internal topic must be satisfiable with a single replica.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Internal topics default to 50 partitions each, which costs seconds on a small machine
        // the first time a group or a transactional producer appears.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.num.partitions", "1");

        p.put("transaction.max.timeout.ms", String.valueOf(TRANSACTION_MAX_TIMEOUT_MS));
        // Tests and the demo start their consumers right away; the default 3 s delay only helps
        // large groups that trickle in.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly so that a typo fails loudly instead of creating a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "2");

        // Sized for a laptop or a 2-core CI runner rather than a production host.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // Shorter than the 2 s default so that the broker is unfenced sooner after start.
        p.put("broker.heartbeat.interval.ms", "500");

        p.putAll(overrides);
        return p;
    }

    private static void writeServerProperties(Path file, Map<String, String> settings)
            throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        // The OutputStream variant escapes everything beyond ASCII, which Kafka's ISO-8859-1
        // loader needs for data dirs with non-ASCII names.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        properties.store(bytes, "Written by " + LocalKafka.class.getName());
        List<String> lines =
                new ArrayList<>(List.of(bytes.toString(StandardCharsets.ISO_8859_1).split("\\R")));
        // Sorted for people reading the file; the comment lines come first anyway.
        lines.sort(null);
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
    }

    private static List<String> jvmArguments(Options o, Path dataDir, boolean ownsDataDir) {
        List<String> args = new ArrayList<>();
        args.addAll(o.jvmOptions);
        if (ownsDataDir) {
            // Lets the child clean up after itself when this JVM was killed and cannot.
            args.add("-D" + LocalKafkaMain.DELETE_ON_EXIT_PROPERTY + "=" + dataDir);
        }
        args.add("-Djava.awt.headless=true");
        args.add("-Djava.net.preferIPv4Stack=true");
        args.add("-Dlog4j2.configurationFile=classpath:" + LOG4J_CONFIG_RESOURCE);
        args.add("-cp");
        // Under surefire/failsafe this may be a single manifest-only jar; it works as is.
        args.add(System.getProperty("java.class.path"));
        return args;
    }

    /**
     * Class paths easily exceed command line limits, hence a {@code @argfile}. Each argument is
     * quoted, so spaces are safe, and backslashes are escaped since they are escapes in quotes.
     */
    private static void writeArgFile(Path file, List<String> args) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            text.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
                .toString();
    }

    /** Picks the missing ports, holding all sockets open together so that they differ. */
    private static int[] choosePorts(int brokerPort, int controllerPort) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress loopback = InetAddress.getByName(LOOPBACK);
            int broker = brokerPort;
            int controller = controllerPort;
            // Fixed ports are checked up front: a taken port would otherwise only show once the
            // broker has almost started, several seconds later and buried in its log.
            for (int fixed : new int[] {brokerPort, controllerPort}) {
                if (fixed != 0) {
                    try {
                        new ServerSocket(fixed, 1, loopback).close();
                    } catch (IOException e) {
                        throw new IllegalStateException(
                                "Port " + fixed + " on " + LOOPBACK + " is already in use", e);
                    }
                }
            }
            if (broker == 0) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                sockets.add(socket);
                broker = socket.getLocalPort();
            }
            if (controller == 0) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                sockets.add(socket);
                controller = socket.getLocalPort();
            }
            return new int[] {broker, controller};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find free loopback ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Nothing was bound through it that needs cleaning up.
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e)
                                throws IOException {
                            Files.deleteIfExists(dir);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.warn("Could not delete local Kafka data directory {}: {}", root, e.toString());
        }
    }

    /**
     * Runs a broker until Ctrl-C, for trying things out by hand: {@code LocalKafka [brokerPort
     * [dataDir]]}. The bootstrap address is printed on stdout.
     */
    public static void main(String[] args) {
        Options options = Options.defaults();
        if (args.length > 0) {
            options.brokerPort(Integer.parseInt(args[0]));
        }
        if (args.length > 1) {
            options.dataDir(Path.of(args[1]));
        }
        LocalKafka kafka = start(options);
        System.out.println(kafka.bootstrapServers());
        System.out.flush();
        // Ctrl-C ends this JVM; the shutdown hook registered in start() stops the broker.
        kafka.process.onExit().join();
        if (kafka.stopped.get()) {
            // Stopped by the shutdown hook; the JVM is already on its way out.
            return;
        }
        System.err.println(
                "Local Kafka exited by itself (code "
                        + kafka.process.exitValue()
                        + "); last lines of its log:\n"
                        + kafka.tailOfLog());
        System.exit(1);
    }

    /** Settings for {@link #start(Options)}; every setting is optional. */
    public static final class Options {
        private int brokerPort;
        private int controllerPort;
        private Path dataDir;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration shutdownTimeout = Duration.ofSeconds(20);

        /**
         * The broker carries test and demo traffic only. C1-only compilation halves the CPU its
         * startup burns (about 7 s down to 3.5 s measured), which matters when it shares two cores
         * with a Flink mini-cluster; the serial GC avoids GC threads on such a machine.
         */
        private final List<String> jvmOptions =
                new ArrayList<>(
                        List.of(
                                "-Xms128m",
                                "-Xmx768m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1"));

        private final Map<String, String> brokerProps = new LinkedHashMap<>();

        private Options() {}

        public static Options defaults() {
            return new Options();
        }

        /** The PLAINTEXT port; 0 (the default) picks a free one. */
        public Options brokerPort(int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** The CONTROLLER port; 0 (the default) picks a free one. */
        public Options controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /**
         * A data directory to use and keep; by default a temporary one is created and deleted on
         * close. An already formatted directory is reused with its topics.
         */
        public Options dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Options startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** How long close() waits for a clean shutdown before killing the broker JVM. */
        public Options shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** Replaces the child JVM's options (heap, GC), e.g. {@code -Xmx1g}. */
        public Options jvmOptions(List<String> options) {
            this.jvmOptions.clear();
            this.jvmOptions.addAll(options);
            return this;
        }

        /** Adds or overrides one {@code server.properties} setting. */
        public Options brokerProperty(String key, String value) {
            this.brokerProps.put(key, value);
            return this;
        }

        private Options copy() {
            Options c = new Options();
            c.brokerPort = brokerPort;
            c.controllerPort = controllerPort;
            c.dataDir = dataDir;
            c.startupTimeout = startupTimeout;
            c.shutdownTimeout = shutdownTimeout;
            c.jvmOptions(jvmOptions);
            c.brokerProps.putAll(brokerProps);
            return c;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }
    }

    /** Startup failed because a chosen port was no longer free; worth another try. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
