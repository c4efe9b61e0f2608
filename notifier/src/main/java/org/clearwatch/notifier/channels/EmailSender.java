package org.clearwatch.notifier.channels;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP. STARTTLS is required unless switched off (only for a loopback test server): the
 * credentials ({@code CLEARWATCH_SMTP_USER} / {@code CLEARWATCH_SMTP_PASSWORD}) never travel in
 * clear. The delivery id becomes the {@code Message-ID}, so a resent message is recognisably the
 * same.
 */
public final class EmailSender implements Sender {

    /**
     * @param user null for a server without authentication
     * @param tls the sockets for STARTTLS when the server's certificate comes from a CA of the
     *     office's own (a trust store given in the configuration); null for the JVM's trusted CAs
     */
    public record Smtp(
            String host,
            int port,
            String from,
            boolean startTlsRequired,
            String user,
            String password,
            Duration timeout,
            SSLSocketFactory tls) {

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", from " + from + "]";
        }
    }

    private final Smtp smtp;
    private final AllowList allowList;
    private final MessageText text;
    private final Session session;

    public EmailSender(Smtp smtp, AllowList allowList, MessageText text) {
        this.smtp = smtp;
        this.allowList = allowList;
        this.text = text;
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTlsRequired()));
        props.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTlsRequired()));
        props.put("mail.smtp.auth", Boolean.toString(smtp.user() != null));
        String millis = Long.toString(smtp.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        // The certificate must name the host the notifier connects to.
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        if (smtp.tls() != null) {
            props.put("mail.smtp.ssl.socketFactory", smtp.tls());
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public Outcome send(Push push) {
        if (!allowList.allows(smtp.host(), smtp.port(), 587)) {
            return new Outcome.Permanent(
                    "SMTP server outside the allow-list: " + smtp.host() + ":" + smtp.port());
        }
        try {
            MimeMessage message = new IdentifiedMessage(session, "<" + push.id() + "@clearwatch>");
            message.setFrom(new InternetAddress(smtp.from()));
            message.setRecipients(
                    Message.RecipientType.TO, InternetAddress.parse(push.destination().address()));
            message.setSubject(text.title(push), "UTF-8");
            message.setText(text.plain(push), "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("X-Clearwatch-Delivery", push.id());
            if (smtp.user() != null) {
                Transport.send(message, smtp.user(), smtp.password());
            } else {
                Transport.send(message);
            }
            return new Outcome.Delivered("250");
        } catch (AuthenticationFailedException e) {
            return new Outcome.Permanent("SMTP authentication failed");
        } catch (SMTPSendFailedException e) {
            return e.getReturnCode() >= 500
                    ? new Outcome.Permanent("SMTP " + e.getReturnCode())
                    : new Outcome.Transient("SMTP " + e.getReturnCode(), null);
        } catch (SendFailedException e) {
            return new Outcome.Permanent("SMTP refused the recipient address");
        } catch (MessagingException e) {
            String what = e.getMessage() == null ? "" : e.getMessage();
            if (what.contains("STARTTLS")) {
                return new Outcome.Permanent("SMTP server does not offer STARTTLS");
            }
            return new Outcome.Transient("SMTP: " + e.getClass().getSimpleName(), null);
        }
    }

    /** A message whose Message-ID is the delivery id instead of a random one. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
