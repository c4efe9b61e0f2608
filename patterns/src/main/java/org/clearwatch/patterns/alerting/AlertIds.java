package org.clearwatch.patterns.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: the same model and the same case give the same id on every run, so a
 * replay or a restore never invents a second alert for one case. RAISED, UPDATED and RESOLVED of
 * one case share the id.
 */
public final class AlertIds {

    private static final char SEPARATOR = '\u001f';

    private AlertIds() {}

    /**
     * The id of a case: the model id, then 20 hex digits of a SHA-256 over the model id and the
     * parts that identify the case (for late-deposit: account and receipt entry).
     */
    public static String of(String modelId, String... caseParts) {
        StringBuilder text = new StringBuilder(modelId);
        for (String part : caseParts) {
            text.append(SEPARATOR).append(part);
        }
        byte[] digest = sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return modelId + ":" + HexFormat.of().formatHex(digest, 0, 10);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
