package org.clearwatch.notifier.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and verifying the Standard Webhooks way: the signed content is {@code
 * "<webhook-id>.<webhook-timestamp>.<body>"}, the signature HMAC-SHA256 with the secret, sent as
 * {@code webhook-signature: v1,<base64>}. A secret written {@code whsec_<base64>} is the base64 of
 * the key bytes; any other secret is used as its UTF-8 bytes.
 */
public final class StandardWebhooks {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    /** How far a receiver accepts a timestamp from its own clock, either way. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooks() {}

    /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, timestampSeconds, body));
    }

    /** Why a request is refused. */
    public enum Rejection {
        MISSING_HEADERS,
        BAD_TIMESTAMP,
        STALE_TIMESTAMP,
        BAD_SIGNATURE
    }

    /**
     * Checks a received request.
     *
     * @param signatureHeader may carry several space-separated signatures (a rotated secret); one
     *     matching {@code v1} signature is enough
     * @return null if the request is authentic and fresh, otherwise why not
     */
    public static Rejection verify(
            String secret,
            String id,
            String timestamp,
            String signatureHeader,
            byte[] body,
            Instant now,
            Duration tolerance) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return Rejection.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Rejection.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Rejection.STALE_TIMESTAMP;
        }
        byte[] expected = mac(secret, id, seconds, body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return Rejection.BAD_SIGNATURE;
    }

    /** The key bytes of a secret: {@code whsec_} + base64, or the text itself. */
    public static byte[] key(String secret) {
        if (secret.startsWith("whsec_")) {
            return Base64.getDecoder().decode(secret.substring("whsec_".length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mac(String secret, String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        Mac mac = hmac(key(secret));
        mac.update(prefix);
        return mac.doFinal(body);
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
