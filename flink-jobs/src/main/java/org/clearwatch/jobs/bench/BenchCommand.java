package org.clearwatch.jobs.bench;

import java.io.PrintStream;

/** Placeholder until the benchmark lands in this change. */
public final class BenchCommand {
    public static final String USAGE =
            "bench [--events N] [--accounts N]               RocksDB vs heap throughput of late-deposit";

    private BenchCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        throw new org.clearwatch.jobs.cli.UsageException("bench is not built yet.");
    }
}
