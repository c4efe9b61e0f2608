package org.clearwatch.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.testing.TestAlerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mail through GreenMail, a real SMTP server on loopback. GreenMail 2.1 speaks SMTP without
 * STARTTLS, so the delivery test switches STARTTLS off (as only a loopback test may), and a second
 * test shows that with STARTTLS required nothing is sent to such a server.
 */
class EmailSenderTest {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
                    .withConfiguration(
                            GreenMailConfiguration.aConfig()
                                    .withUser("clearwatch@county.example", "clearwatch", "s3cret"));

    private static final MessageText TEXT =
            new MessageText(new Links("https://w.example/alerts/", "https://n.example/", "ack"));
    private static final AllowList LOOPBACK = AllowList.of(List.of("127.0.0.1:*"), "allow-list");
    private static final Destination MAILBOX =
            new Destination("t103-mail", Channel.EMAIL, "inspector@township.example", null);

    @Test
    void anInspectorReceivesTheAlertInChineseUnderTheDeliveryId() throws Exception {
        Outcome outcome = sender(false, "s3cret", LOOPBACK).send(push("msg_0001"));

        assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("【高】现金收入逾期未存（新告警）");
        assertThat(mail.getMessageID()).isEqualTo("<msg_0001@clearwatch>");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("inspector@township.example");
        assertThat(((String) mail.getContent()).replace("\r\n", "\n"))
                .contains("金额：34,945.00 元")
                .contains("查看告警：https://w.example/alerts/A-mail")
                .contains("确认收到：https://n.example/ack/A-mail?sig=");
    }

    @Test
    void aWrongPasswordIsAPermanentFailure() {
        Outcome outcome = sender(false, "wrong", LOOPBACK).send(push("msg_0002"));

        assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void withStartTlsRequiredNothingGoesToAServerThatDoesNotOfferIt() {
        Outcome outcome = sender(true, "s3cret", LOOPBACK).send(push("msg_0003"));

        assertThat(outcome).isEqualTo(new Outcome.Permanent("SMTP server does not offer STARTTLS"));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anSmtpServerOutsideTheAllowListIsNotContacted() {
        Outcome outcome =
                sender(false, "s3cret", AllowList.of(List.of("smtp.example.org:587"), "allow-list"))
                        .send(push("msg_0004"));

        assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private static EmailSender sender(boolean startTls, String password, AllowList allowList) {
        return new EmailSender(
                new EmailSender.Smtp(
                        "127.0.0.1",
                        SMTP.getSmtp().getPort(),
                        "clearwatch@county.example",
                        startTls,
                        "clearwatch",
                        password,
                        Duration.ofSeconds(5),
                        null),
                allowList,
                TEXT);
    }

    private static Push push(String id) {
        return new Push(
                id,
                MAILBOX,
                List.of(new Push.Item(TestAlerts.lateDeposit("A-mail"), Instant.now(), false)),
                false);
    }
}
