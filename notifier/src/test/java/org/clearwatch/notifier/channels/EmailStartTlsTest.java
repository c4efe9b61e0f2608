package org.clearwatch.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.clearwatch.notifier.config.NotifierConfig;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * E-mail over STARTTLS end to end: SubEthaSMTP on loopback, a real SMTP server that refuses every
 * command but EHLO, STARTTLS and QUIT until TLS is on, with a certificate for 127.0.0.1 from a
 * county CA of its own (made with the JDK's keytool). The notifier trusts that CA through the
 * {@code email.ssl-truststore-location} of its configuration; without it, nothing is sent.
 */
class EmailStartTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir static Path keys;

    private static Path serverKeys;
    private static Path countyTrust;
    private static Path otherTrust;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    private record Received(String to, String message) {}

    @BeforeAll
    static void makeCertificates() throws Exception {
        serverKeys = keys.resolve("smtp.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "smtp",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1, O=County mail relay",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                serverKeys.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        Path certificate = keys.resolve("smtp.crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "smtp",
                "-keystore",
                serverKeys.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString());
        countyTrust = keys.resolve("county-trust.p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "county",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                countyTrust.toString(),
                "-storepass",
                PASSWORD);
        // A trust store of another CA: the relay's certificate is not in it.
        Path otherKeys = keys.resolve("other.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "other",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=other",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                otherKeys.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        Path otherCertificate = keys.resolve("other.crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "other",
                "-keystore",
                otherKeys.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                otherCertificate.toString());
        otherTrust = keys.resolve("other-trust.p12");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "other",
                "-file",
                otherCertificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                otherTrust.toString(),
                "-storepass",
                PASSWORD);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theAlertGoesOverTlsToARelayWhoseCaTheConfigurationTrusts() throws Exception {
        startRelay();

        Outcome outcome = sender(countyTrust).send(push("msg_tls_1"));

        assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
        // The relay takes no message before STARTTLS (next test): this one came over TLS.
        assertThat(received)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.to()).isEqualTo("inspector@township.example");
                            assertThat(r.message())
                                    .contains("Message-ID: <msg_tls_1@clearwatch>")
                                    .contains("X-Clearwatch-Delivery: msg_tls_1");
                        });
    }

    @Test
    void theRelayTakesNothingFromASenderThatSkipsStartTls() throws Exception {
        startRelay();
        NotifierConfig config = config(countyTrust, server.getPortAllocated());
        EmailSender.Smtp smtp = config.smtp();
        EmailSender plain =
                new EmailSender(
                        new EmailSender.Smtp(
                                smtp.host(),
                                smtp.port(),
                                smtp.from(),
                                false,
                                null,
                                null,
                                smtp.timeout(),
                                null),
                        config.allowList(),
                        new MessageText(config.links()));

        Outcome outcome = plain.send(push("msg_tls_0"));

        assertThat(outcome).isNotInstanceOf(Outcome.Delivered.class);
        assertThat(received).isEmpty();
    }

    @Test
    void nothingIsSentToARelayWhoseCertificateIsNotTrusted() throws Exception {
        startRelay();

        Outcome outcome = sender(otherTrust).send(push("msg_tls_2"));

        assertThat(outcome).isNotInstanceOf(Outcome.Delivered.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aTrustStoreThatCannotBeReadStopsTheConfiguration() {
        assertThatThrownBy(() -> config(keys.resolve("missing.p12"), 25))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageContaining("email.ssl-truststore-location")
                .hasMessageContaining("missing.p12");
    }

    @Test
    void aTrustStorePasswordVariableThatIsNotSetStopsTheConfiguration() {
        assertThatThrownBy(() -> config(countyTrust, 25, Map.of("CLEARWATCH_ACK_SECRET", "ack")))
                .isInstanceOf(NotifyConfigException.class)
                .hasMessageContaining("email.ssl-truststore-password-env")
                .hasMessageContaining("SMTP_TRUST_PASSWORD");
    }

    private void startRelay() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeys)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server =
                SMTPServer.port(port)
                        .bindAddress(InetAddress.getLoopbackAddress())
                        .hostName("127.0.0.1")
                        .enableTLS()
                        .requireTLS()
                        .startTlsSocketFactory(tls)
                        .messageHandler(
                                (context, from, to, data) ->
                                        received.add(
                                                new Received(
                                                        to,
                                                        new String(data, StandardCharsets.UTF_8))))
                        .build();
        server.start();
    }

    private EmailSender sender(Path trustStore) throws Exception {
        NotifierConfig config = config(trustStore, server.getPortAllocated());
        return new EmailSender(config.smtp(), config.allowList(), new MessageText(config.links()));
    }

    private static NotifierConfig config(Path trustStore, int port) throws Exception {
        return config(
                trustStore,
                port,
                Map.of("SMTP_TRUST_PASSWORD", PASSWORD, "CLEARWATCH_ACK_SECRET", "ack"));
    }

    private static NotifierConfig config(Path trustStore, int port, Map<String, String> env)
            throws Exception {
        String yaml =
                """
                kafka: {bootstrap-servers: "127.0.0.1:9"}
                allow-list: ["127.0.0.1:*"]
                links:
                  alert-base-url: https://watch.county.example.org/alerts/
                  ack-base-url: https://notify.county.example.org/
                email:
                  host: 127.0.0.1
                  port: %d
                  from: clearwatch@county.example
                  ssl-truststore-location: %s
                  ssl-truststore-password-env: SMTP_TRUST_PASSWORD
                recipients:
                  - id: township-330299103
                    destinations:
                      - {name: t103-mail, channel: email, to: inspector@township.example}
                subscriptions:
                  - {id: t103, recipient: township-330299103, division: "330299103"}
                """
                        .formatted(port, trustStore);
        return NotifierConfig.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), env);
    }

    private static Push push(String id) {
        return new Push(
                id,
                new Destination("t103-mail", Channel.EMAIL, "inspector@township.example", null),
                List.of(new Push.Item(TestAlerts.lateDeposit("A-tls"), Instant.now(), false)),
                false);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
