package org.clearwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One YAML document of a manifest file.
 *
 * @param file where it was read
 * @param index its position in the file, from 0
 * @param tree the document as read
 * @param typed the document bound to its API class
 */
record Manifest(Path file, int index, JsonNode tree, Object typed) {

    String kind() {
        return tree.path("kind").asText();
    }

    String name() {
        return tree.path("metadata").path("name").asText();
    }

    <T> T as(Class<T> type) {
        return type.cast(typed);
    }

    String where() {
        return Repo.ROOT.relativize(file.toAbsolutePath().normalize())
                + " ("
                + kind()
                + " "
                + name()
                + ")";
    }
}
