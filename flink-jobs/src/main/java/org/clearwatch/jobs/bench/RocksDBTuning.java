package org.clearwatch.jobs.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** What the bench changes in RocksDB's configuration, on top of the job's own. */
final class RocksDBTuning {

    private RocksDBTuning() {}

    /** Flink option keys and values, in the order they are applied. */
    static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        return options;
    }

    static void apply(Configuration flink) {
        options().forEach(flink::setString);
    }
}
