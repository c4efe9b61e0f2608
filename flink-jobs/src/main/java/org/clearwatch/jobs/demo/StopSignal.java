package org.clearwatch.jobs.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ctrl-C (and SIGTERM) end the demo the way its timer does: feed stopped, last alerts committed,
 * summary printed, job and broker stopped, exit 0. A second Ctrl-C exits at once; the broker, a
 * child process, then stops on its own when its stdin closes.
 */
final class StopSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    private StopSignal() {}

    static void onInterrupt(Runnable stop) {
        boolean[] asked = {false};
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(
                        new Signal(name),
                        signal -> {
                            if (asked[0]) {
                                Runtime.getRuntime().halt(130);
                            }
                            asked[0] = true;
                            System.err.println();
                            System.err.println(
                                    "Stopping: committing the last alerts (Ctrl-C again to quit at once)...");
                            stop.run();
                        });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The JVM's own handling stays: the broker still stops with its shutdown hook.
                LOG.debug("cannot handle SIG{}", name, e);
            }
        }
    }
}
