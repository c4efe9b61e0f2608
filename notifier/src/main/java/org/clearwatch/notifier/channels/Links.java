package org.clearwatch.notifier.channels;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The links a message carries: back to the alert, and the signed acknowledgement link. The
 * signature is the base64url HMAC-SHA256 of the alert id with the acknowledgement secret, so only
 * someone who received the message can acknowledge the alert.
 *
 * @param alertBaseUrl the alert id is appended (URL-encoded)
 * @param ackBaseUrl where this notifier's {@code /ack/} endpoint is reachable
 */
public record Links(String alertBaseUrl, String ackBaseUrl, String ackSecret) {

    public String alert(String alertId) {
        return alertBaseUrl + encode(alertId);
    }

    public String ack(String alertId) {
        String base = ackBaseUrl.endsWith("/") ? ackBaseUrl : ackBaseUrl + "/";
        return base + "ack/" + encode(alertId) + "?sig=" + sign(alertId);
    }

    public String sign(String alertId) {
        byte[] mac =
                StandardWebhooks.hmac(ackSecret.getBytes(StandardCharsets.UTF_8))
                        .doFinal(alertId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Constant-time check of an acknowledgement link's signature. */
    public boolean verify(String alertId, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(alertId).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "Links[" + alertBaseUrl + ", " + ackBaseUrl + "]";
    }
}
