package org.clearwatch.notifier;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Daemon threads for the notifier's servers and senders: they never keep a stopping JVM up. */
public final class DaemonThreads {

    private DaemonThreads() {}

    public static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A fixed pool of daemon threads, all named {@code name}. */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, task -> daemon(task, name));
    }
}
