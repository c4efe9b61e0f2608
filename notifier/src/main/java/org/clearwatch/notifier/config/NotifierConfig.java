package org.clearwatch.notifier.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.clearwatch.notifier.channels.AllowList;
import org.clearwatch.notifier.channels.EmailSender;
import org.clearwatch.notifier.channels.Links;
import org.clearwatch.notifier.delivery.RetryPolicy;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.routing.RoutingConfig;

/**
 * The notifier's YAML configuration, read once and checked before anything starts. The sections
 * here are {@code kafka}, {@code topics}, {@code delivery}, {@code allow-list}, {@code email},
 * {@code links} and {@code metrics}; {@code recipients}, {@code subscriptions} and the other
 * routing sections belong to {@link RoutingConfig}. Secrets are never in the file: it names the
 * environment variables that hold them. See docs/NOTIFY.md for the reference.
 */
public final class NotifierConfig {

    public record Topics(String alerts, String ledger, String deadLetters) {}

    public record Delivery(
            RetryPolicy retry, Duration connectTimeout, Duration requestTimeout, int concurrency) {}

    /** The keys of each section read here; any other key is refused, a misspelling included. */
    private static final Map<String, List<String>> SECTION_KEYS =
            Map.of(
                    "kafka",
                    List.of(
                            "bootstrap-servers",
                            "security-protocol",
                            "sasl-mechanism",
                            "sasl-username",
                            "sasl-password-env",
                            "ssl-truststore-location",
                            "ssl-truststore-password-env",
                            "instance-id"),
                    "topics",
                    List.of("alerts", "ledger", "dead-letters"),
                    "delivery",
                    List.of(
                            "max-attempts",
                            "initial-backoff",
                            "max-backoff",
                            "give-up-after",
                            "connect-timeout",
                            "request-timeout",
                            "concurrency"),
                    "email",
                    List.of(
                            "host",
                            "port",
                            "from",
                            "starttls",
                            "user-env",
                            "password-env",
                            "ssl-truststore-location",
                            "ssl-truststore-password-env"),
                    "links",
                    List.of("alert-base-url", "ack-base-url", "ack-secret-env"),
                    "metrics",
                    List.of("port", "host"));

    private static final Set<String> SECTIONS_HERE =
            Set.of("kafka", "topics", "delivery", "allow-list", "email", "links", "metrics");

    /** The top-level keys that {@link RoutingConfig} reads. */
    private static final List<String> ROUTING_SECTIONS =
            List.of("escalation", "quiet-hours", "rate-limit", "recipients", "subscriptions");

    private static final Set<String> SECURITY_PROTOCOLS =
            Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private final Properties kafka;
    private final String instanceId;
    private final Topics topics;
    private final Delivery delivery;
    private final AllowList allowList;
    private final EmailSender.Smtp smtp;
    private final Links links;
    private final String metricsHost;
    private final int metricsPort;
    private final RoutingConfig routing;

    private NotifierConfig(
            Properties kafka,
            String instanceId,
            Topics topics,
            Delivery delivery,
            AllowList allowList,
            EmailSender.Smtp smtp,
            Links links,
            String metricsHost,
            int metricsPort,
            RoutingConfig routing) {
        this.kafka = kafka;
        this.instanceId = instanceId;
        this.topics = topics;
        this.delivery = delivery;
        this.allowList = allowList;
        this.smtp = smtp;
        this.links = links;
        this.metricsHost = metricsHost;
        this.metricsPort = metricsPort;
        this.routing = routing;
    }

    /** Reads and checks a file. */
    public static NotifierConfig load(Path file, Map<String, String> env) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new NotifyConfigException("Configuration file " + file + " does not exist.");
        } catch (IOException e) {
            throw new NotifyConfigException(
                    "Configuration file " + file + " is not readable YAML: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new NotifyConfigException(
                    "Configuration file " + file + " must be a YAML mapping of sections.");
        }
        return parse(root, env);
    }

    public static NotifierConfig parse(JsonNode root, Map<String, String> env) {
        root.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!SECTIONS_HERE.contains(name) && !ROUTING_SECTIONS.contains(name)) {
                                List<String> all =
                                        new ArrayList<>(new java.util.TreeSet<>(SECTIONS_HERE));
                                all.addAll(ROUTING_SECTIONS);
                                throw new NotifyConfigException(
                                        name
                                                + ": unknown section; expected one of "
                                                + String.join(", ", all)
                                                + ".");
                            }
                        });
        Properties kafka = kafka(section(root, "kafka", true), env);
        String instanceId =
                string(
                        section(root, "kafka", true),
                        "instance-id",
                        "kafka",
                        "clearwatch-notifier-1");
        JsonNode t = section(root, "topics", false);
        Topics topics =
                new Topics(
                        string(t, "alerts", "topics", "alerts"),
                        string(t, "ledger", "topics", "notify-ledger"),
                        string(t, "dead-letters", "topics", "notify-dead-letters"));
        JsonNode d = section(root, "delivery", false);
        int maxAttempts = integer(d, "max-attempts", "delivery", 8, 1, 100);
        Duration initial = duration(d, "initial-backoff", "delivery", Duration.ofSeconds(1));
        Duration max = duration(d, "max-backoff", "delivery", Duration.ofMinutes(5));
        Duration giveUp = duration(d, "give-up-after", "delivery", Duration.ofHours(1));
        if (max.compareTo(initial) < 0) {
            throw new NotifyConfigException(
                    "delivery.max-backoff: must not be shorter than delivery.initial-backoff.");
        }
        Delivery delivery =
                new Delivery(
                        new RetryPolicy(maxAttempts, initial, max, giveUp),
                        duration(d, "connect-timeout", "delivery", Duration.ofSeconds(5)),
                        duration(d, "request-timeout", "delivery", Duration.ofSeconds(10)),
                        integer(d, "concurrency", "delivery", 8, 1, 256));

        JsonNode allowNode = root.get("allow-list");
        if (allowNode == null || !allowNode.isArray() || allowNode.isEmpty()) {
            throw new NotifyConfigException(
                    "allow-list: missing; list the host[:port] every push may go to.");
        }
        List<String> patterns = new ArrayList<>();
        allowNode.forEach(n -> patterns.add(n.asText()));
        AllowList allowList = AllowList.of(patterns, "allow-list");

        JsonNode l = section(root, "links", false);
        JsonNode m = section(root, "metrics", false);
        int metricsPort = integer(m, "port", "metrics", 9262, 0, 65535);
        String metricsHost = string(m, "host", "metrics", "0.0.0.0");
        String ackSecret = secret(l, "ack-secret-env", "links", env, "CLEARWATCH_ACK_SECRET");
        Links links =
                new Links(
                        url(l, "alert-base-url", "links", "http://localhost:3000/alerts/"),
                        url(
                                l,
                                "ack-base-url",
                                "links",
                                "http://localhost:"
                                        + (metricsPort == 0 ? 9262 : metricsPort)
                                        + "/"),
                        ackSecret);

        RoutingConfig routing = RoutingConfig.parse(root, env);
        EmailSender.Smtp smtp = null;
        JsonNode e = root.get("email");
        boolean needsMail =
                routing.destinations().stream().anyMatch(x -> x.channel() == Channel.EMAIL);
        if (e != null || needsMail) {
            smtp = smtp(section(root, "email", true), env, delivery);
            if (!allowList.allows(smtp.host(), smtp.port(), 587)) {
                throw new NotifyConfigException(
                        "email.host: "
                                + smtp.host()
                                + ":"
                                + smtp.port()
                                + " is not in the allow-list.");
            }
        }
        for (Destination dest : routing.destinations()) {
            if (dest.channel() == Channel.EMAIL) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(dest.address());
            } catch (IllegalArgumentException ex) {
                throw new NotifyConfigException(
                        "destination " + dest.name() + ": " + "its url is not a URL.");
            }
            if (!allowList.allows(uri)) {
                throw new NotifyConfigException(
                        "destination "
                                + dest.name()
                                + ": "
                                + uri.getScheme()
                                + "://"
                                + uri.getHost()
                                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                                + " is not in the allow-list.");
            }
        }
        return new NotifierConfig(
                kafka,
                instanceId,
                topics,
                delivery,
                allowList,
                smtp,
                links,
                metricsHost,
                metricsPort,
                routing);
    }

    private static Properties kafka(JsonNode k, Map<String, String> env) {
        Properties props = new Properties();
        props.put("bootstrap.servers", requiredString(k, "bootstrap-servers", "kafka"));
        String protocol =
                string(k, "security-protocol", "kafka", "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!SECURITY_PROTOCOLS.contains(protocol)) {
            throw new NotifyConfigException(
                    "kafka.security-protocol: "
                            + protocol
                            + " is not one of "
                            + SECURITY_PROTOCOLS
                            + ".");
        }
        props.put("security.protocol", protocol);
        if (protocol.startsWith("SASL")) {
            String mechanism = string(k, "sasl-mechanism", "kafka", "SCRAM-SHA-512");
            String user = requiredString(k, "sasl-username", "kafka");
            String password = secret(k, "sasl-password-env", "kafka", env, null);
            String module =
                    mechanism.equals("PLAIN")
                            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                            : "org.apache.kafka.common.security.scram.ScramLoginModule";
            props.put("sasl.mechanism", mechanism);
            props.put(
                    "sasl.jaas.config",
                    module
                            + " required username=\""
                            + jaas(user)
                            + "\" password=\""
                            + jaas(password)
                            + "\";");
        }
        if (protocol.endsWith("SSL")) {
            if (k.has("ssl-truststore-location")) {
                props.put("ssl.truststore.location", k.get("ssl-truststore-location").asText());
                props.put(
                        "ssl.truststore.password",
                        secret(k, "ssl-truststore-password-env", "kafka", env, null));
            }
        }
        return props;
    }

    private static String jaas(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static EmailSender.Smtp smtp(JsonNode e, Map<String, String> env, Delivery delivery) {
        String host = requiredString(e, "host", "email");
        int port = integer(e, "port", "email", 587, 1, 65535);
        String from = requiredString(e, "from", "email");
        String starttls = string(e, "starttls", "email", "required").toLowerCase(Locale.ROOT);
        if (!starttls.equals("required") && !starttls.equals("off")) {
            throw new NotifyConfigException(
                    "email.starttls: " + starttls + " is not one of required, off.");
        }
        String userVar = string(e, "user-env", "email", "CLEARWATCH_SMTP_USER");
        String passwordVar = string(e, "password-env", "email", "CLEARWATCH_SMTP_PASSWORD");
        String user = env.get(userVar);
        String password = env.get(passwordVar);
        if (user != null && (password == null || password.isBlank())) {
            throw new NotifyConfigException(
                    "email.password-env: " + userVar + " is set but " + passwordVar + " is not.");
        }
        SSLSocketFactory tls = null;
        if (e.has("ssl-truststore-location")) {
            String location = e.get("ssl-truststore-location").asText();
            String storePassword =
                    e.has("ssl-truststore-password-env")
                            ? secret(e, "ssl-truststore-password-env", "email", env, null)
                            : null;
            tls = trusting(location, storePassword);
        }
        return new EmailSender.Smtp(
                host,
                port,
                from,
                starttls.equals("required"),
                user,
                password,
                delivery.requestTimeout(),
                tls);
    }

    /** TLS sockets that trust the certificates of a trust store (PKCS12 or JKS) only. */
    private static SSLSocketFactory trusting(String location, String password) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException | RuntimeException ex) {
            throw new NotifyConfigException(
                    "email.ssl-truststore-location: cannot read "
                            + location
                            + " as a trust store ("
                            + ex.getClass().getSimpleName()
                            + ").");
        }
    }

    private static JsonNode section(JsonNode root, String name, boolean required) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw new NotifyConfigException(name + ": missing.");
            }
            return new ObjectMapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw new NotifyConfigException(name + ": must be a mapping of keys.");
        }
        List<String> allowed = SECTION_KEYS.get(name);
        node.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!allowed.contains(key)) {
                                throw new NotifyConfigException(
                                        name
                                                + "."
                                                + key
                                                + ": unknown key; expected one of "
                                                + String.join(", ", allowed)
                                                + ".");
                            }
                        });
        return node;
    }

    private static String requiredString(JsonNode node, String key, String section) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new NotifyConfigException(section + "." + key + ": missing.");
        }
        return v.asText().trim();
    }

    private static String string(JsonNode node, String key, String section, String fallback) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? fallback : v.asText().trim();
    }

    private static String url(JsonNode node, String key, String section, String fallback) {
        String value = string(node, key, section, fallback);
        if (!value.startsWith("https://") && !value.startsWith("http://")) {
            throw new NotifyConfigException(
                    section + "." + key + ": " + value + " is not an http(s) URL.");
        }
        return value;
    }

    private static String secret(
            JsonNode node, String key, String section, Map<String, String> env, String fallback) {
        String variable = string(node, key, section, fallback);
        if (variable == null) {
            throw new NotifyConfigException(
                    section
                            + "."
                            + key
                            + ": missing; name the environment variable that holds it.");
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new NotifyConfigException(
                    section
                            + "."
                            + key
                            + ": the environment variable "
                            + variable
                            + " is not set.");
        }
        return value;
    }

    private static int integer(
            JsonNode node, String key, String section, int fallback, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() && !v.asText().matches("-?\\d+")) {
            throw new NotifyConfigException(
                    section + "." + key + ": " + v.asText() + " is not a whole number.");
        }
        int value = v.asInt();
        if (value < min || value > max) {
            throw new NotifyConfigException(
                    section + "." + key + ": " + value + " is outside " + min + ".." + max + ".");
        }
        return value;
    }

    /** 500ms, 10s, 5m, 1h. */
    static Duration duration(JsonNode node, String key, String section, Duration fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        String text = v.asText().trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            throw new NotifyConfigException(
                    section
                            + "."
                            + key
                            + ": "
                            + v.asText()
                            + " is not a duration like 500ms, 10s, 5m or 1h.");
        }
        long n = Long.parseLong(m.group(1));
        Duration d =
                switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
        if (d.isZero()) {
            throw new NotifyConfigException(section + "." + key + ": must be longer than zero.");
        }
        return d;
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Common client settings: bootstrap servers and security. */
    public Properties kafka() {
        Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    /** The consumer's static group membership ({@code group.instance.id}). */
    public String instanceId() {
        return instanceId;
    }

    public Topics topics() {
        return topics;
    }

    public Delivery delivery() {
        return delivery;
    }

    public AllowList allowList() {
        return allowList;
    }

    /** Null when no destination is a mailbox and no email section is given. */
    public EmailSender.Smtp smtp() {
        return smtp;
    }

    public Links links() {
        return links;
    }

    public String metricsHost() {
        return metricsHost;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public RoutingConfig routing() {
        return routing;
    }

    static Set<String> sectionsHere() {
        return SECTIONS_HERE;
    }
}
