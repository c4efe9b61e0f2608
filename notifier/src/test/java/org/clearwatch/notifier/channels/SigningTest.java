package org.clearwatch.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.clearwatch.notifier.channels.StandardWebhooks.Rejection;
import org.junit.jupiter.api.Test;

class SigningTest {

    /*
     * Fixed vectors computed outside Java:
     *
     *   python3 -c 'import hmac,hashlib,base64; k=base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
     *     print(base64.b64encode(hmac.new(k, b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}",
     *     hashlib.sha256).digest()).decode())'
     *
     * and the same with
     *   echo -n 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
     *     | openssl dgst -sha256 -mac HMAC -macopt hexkey:<hex of the key> -binary | base64
     */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant NOW = Instant.ofEpochSecond(TIMESTAMP + 10);
    private static final Duration TOLERANCE = StandardWebhooks.DEFAULT_TOLERANCE;

    @Test
    void signsLikeTheIndependentlyComputedVector() {
        assertThat(StandardWebhooks.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void aCorrectSignatureVerifies() {
        assertThat(verify(SECRET, ID, BODY, SIGNATURE, NOW)).isNull();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        assertThat(verify(SECRET, ID, BODY, "v1,AAAA " + SIGNATURE, NOW)).isNull();
    }

    @Test
    void aTamperedBodyIsRejected() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(SECRET, ID, tampered, SIGNATURE, NOW)).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void anotherIdWithTheSameSignatureIsRejected() {
        assertThat(verify(SECRET, "msg_other", BODY, SIGNATURE, NOW))
                .isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void aStaleTimestampIsRejectedEvenWithAValidSignature() {
        Instant sixMinutesLater = Instant.ofEpochSecond(TIMESTAMP + 6 * 60);
        assertThat(verify(SECRET, ID, BODY, SIGNATURE, sixMinutesLater))
                .isEqualTo(Rejection.STALE_TIMESTAMP);
    }

    @Test
    void aWrongKeyIsRejected() {
        assertThat(verify("whsec_" + "QUJDREVGR0hJSktMTU5PUA==", ID, BODY, SIGNATURE, NOW))
                .isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void missingHeadersAreRejected() {
        assertThat(StandardWebhooks.verify(SECRET, ID, null, SIGNATURE, BODY, NOW, TOLERANCE))
                .isEqualTo(Rejection.MISSING_HEADERS);
    }

    /*
     * python3 -c 'import hmac,hashlib,base64,urllib.parse; s="SEC-clearwatch-test"; t=1700000000000;
     *   print(urllib.parse.quote_plus(base64.b64encode(hmac.new(s.encode(), f"{t}\n{s}".encode(),
     *   hashlib.sha256).digest()).decode()))'
     */
    @Test
    void dingTalkSignMatchesTheIndependentlyComputedVector() {
        assertThat(DingTalkSender.sign("SEC-clearwatch-test", 1700000000000L))
                .isEqualTo("FsUUVVlhvEIF8DyQZ7d2ymLWN3lnaM6OTAzE2qlUdtI%3D");
    }

    /*
     * python3 -c 'import hmac,hashlib,base64; print(base64.urlsafe_b64encode(hmac.new(b"ack-secret",
     *   b"A-late-deposit-1", hashlib.sha256).digest()).decode().rstrip("="))'
     */
    @Test
    void acknowledgementLinksAreSignedWithTheAckSecret() {
        Links links =
                new Links("https://watch.example/alerts/", "https://notify.example/", "ack-secret");

        assertThat(links.ack("A-late-deposit-1"))
                .isEqualTo(
                        "https://notify.example/ack/A-late-deposit-1?sig=ch2N_BtJyzRqICaHoNO72ueUQieKZTYJAk3Ljj-irlY");
        assertThat(links.verify("A-late-deposit-1", "ch2N_BtJyzRqICaHoNO72ueUQieKZTYJAk3Ljj-irlY"))
                .isTrue();
        assertThat(links.verify("A-late-deposit-2", "ch2N_BtJyzRqICaHoNO72ueUQieKZTYJAk3Ljj-irlY"))
                .isFalse();
        assertThat(links.verify("A-late-deposit-1", null)).isFalse();
    }

    private static Rejection verify(
            String secret, String id, byte[] body, String signature, Instant now) {
        return StandardWebhooks.verify(
                secret, id, Long.toString(TIMESTAMP), signature, body, now, TOLERANCE);
    }
}
