package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clearwatch.notifier.plan.Channel;
import org.clearwatch.notifier.plan.Destination;
import org.clearwatch.notifier.plan.NotifyConfigException;
import org.clearwatch.notifier.plan.PlannedDelivery;
import org.clearwatch.notifier.plan.RateLimiter;
import org.clearwatch.notifier.plan.Router;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.Severity;

/**
 * The routing part of the notifier's configuration: recipients with their destinations, and
 * subscriptions by division-code prefix, model and minimum severity.
 *
 * <pre>
 * recipients:
 *   - id: township-330299103
 *     destinations:
 *       - name: t103-wecom
 *         channel: wecom
 *         url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...
 *       - name: t103-office
 *         channel: webhook
 *         url: https://office.example/hooks/clearwatch
 *         secret-env: CLEARWATCH_T103_WEBHOOK_SECRET
 * subscriptions:
 *   - id: t103
 *     recipient: township-330299103
 *     division: "330299103"          # township (9 digits) or village (12 digits) prefix
 *     models: [late-deposit]         # optional; all models when absent
 *     min-severity: MEDIUM           # optional; LOW when absent
 * </pre>
 */
public final class RoutingConfig {

    private final Map<String, Recipient> recipients;
    private final List<Subscription> subscriptions;

    private RoutingConfig(Map<String, Recipient> recipients, List<Subscription> subscriptions) {
        this.recipients = recipients;
        this.subscriptions = subscriptions;
    }

    /**
     * Reads the {@code recipients} and {@code subscriptions} sections of the notifier's YAML.
     *
     * @param env where {@code secret-env} names are looked up
     * @throws NotifyConfigException naming the key, for anything that cannot be used
     */
    public static RoutingConfig parse(JsonNode root, Map<String, String> env) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        Set<String> destinationNames = new LinkedHashSet<>();
        JsonNode recipientNodes = list(root, "recipients");
        for (int i = 0; i < recipientNodes.size(); i++) {
            JsonNode node = recipientNodes.get(i);
            String at = "recipients[" + i + "]";
            String id = text(node, "id", at);
            List<Destination> destinations = new ArrayList<>();
            JsonNode destinationNodes = list(node, "destinations", at);
            if (destinationNodes.isEmpty()) {
                throw new NotifyConfigException(
                        at + ".destinations: recipient " + id + " has none.");
            }
            for (int j = 0; j < destinationNodes.size(); j++) {
                Destination destination =
                        destination(destinationNodes.get(j), at + ".destinations[" + j + "]", env);
                if (!destinationNames.add(destination.name())) {
                    throw new NotifyConfigException(
                            at
                                    + ".destinations["
                                    + j
                                    + "].name: "
                                    + destination.name()
                                    + " is named twice.");
                }
                destinations.add(destination);
            }
            if (recipients.put(id, new Recipient(id, List.copyOf(destinations))) != null) {
                throw new NotifyConfigException(at + ".id: recipient " + id + " is named twice.");
            }
        }

        List<Subscription> subscriptions = new ArrayList<>();
        Set<String> subscriptionIds = new LinkedHashSet<>();
        JsonNode subscriptionNodes = list(root, "subscriptions");
        for (int i = 0; i < subscriptionNodes.size(); i++) {
            JsonNode node = subscriptionNodes.get(i);
            String at = "subscriptions[" + i + "]";
            String id = text(node, "id", at);
            if (!subscriptionIds.add(id)) {
                throw new NotifyConfigException(
                        at + ".id: subscription " + id + " is named twice.");
            }
            String recipient = text(node, "recipient", at);
            if (!recipients.containsKey(recipient)) {
                throw new NotifyConfigException(
                        at + ".recipient: no recipient with id " + recipient + ".");
            }
            String division = text(node, "division", at);
            if (!division.matches("\\d{1,12}")) {
                throw new NotifyConfigException(
                        at + ".division: " + division + " is not a division-code prefix (digits).");
            }
            Set<String> models = new LinkedHashSet<>();
            if (node.has("models")) {
                for (JsonNode model : list(node, "models", at)) {
                    models.add(model.asText());
                }
            }
            Severity minSeverity = Severity.LOW;
            if (node.has("min-severity")) {
                String value = node.get("min-severity").asText().toUpperCase(Locale.ROOT);
                try {
                    minSeverity = Severity.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw new NotifyConfigException(
                            at
                                    + ".min-severity: "
                                    + value
                                    + " is not one of LOW, MEDIUM, HIGH, CRITICAL.");
                }
            }
            subscriptions.add(
                    new Subscription(id, recipient, division, Set.copyOf(models), minSeverity));
        }
        return new RoutingConfig(Map.copyOf(recipients), List.copyOf(subscriptions));
    }

    /** Every destination of every recipient, in configuration order. */
    public List<Destination> destinations() {
        List<Destination> all = new ArrayList<>();
        recipients.values().forEach(r -> all.addAll(r.destinations()));
        return all;
    }

    public Router router() {
        return this::plan;
    }

    public RateLimiter rateLimiter() {
        return RateLimiter.NONE;
    }

    private List<PlannedDelivery> plan(Alert alert, java.time.Instant publishedAt) {
        List<PlannedDelivery> planned = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            if (!subscription.matches(alert)) {
                continue;
            }
            for (Destination destination :
                    recipients.get(subscription.recipient()).destinations()) {
                planned.add(
                        new PlannedDelivery(
                                deliveryId(alert, subscription.id(), destination.name()),
                                subscription.id(),
                                subscription.recipient(),
                                destination,
                                publishedAt,
                                null,
                                false,
                                alert));
            }
        }
        return planned;
    }

    /** Stable across runs: the alert step, the subscription and the destination. */
    static String deliveryId(Alert alert, String subscriptionId, String destinationName) {
        String key =
                alert.getAlertId()
                        + "|"
                        + alert.getKind()
                        + "|"
                        + subscriptionId
                        + "|"
                        + destinationName;
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Destination destination(JsonNode node, String at, Map<String, String> env) {
        String name = text(node, "name", at);
        String channelText = text(node, "channel", at);
        Channel channel;
        try {
            channel = Channel.valueOf(channelText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotifyConfigException(
                    at
                            + ".channel: "
                            + channelText
                            + " is not one of webhook, wecom, dingtalk, email.");
        }
        String address = text(node, channel == Channel.EMAIL ? "to" : "url", at);
        String secret = null;
        if (node.has("secret-env")) {
            String variable = node.get("secret-env").asText();
            secret = env.get(variable);
            if (secret == null || secret.isBlank()) {
                throw new NotifyConfigException(
                        at + ".secret-env: the environment variable " + variable + " is not set.");
            }
        } else if (channel == Channel.WEBHOOK || channel == Channel.DINGTALK) {
            throw new NotifyConfigException(
                    at + ".secret-env: a " + channelText + " destination must be signed.");
        }
        return new Destination(name, channel, address, secret);
    }

    private static JsonNode list(JsonNode node, String key) {
        return list(node, key, "");
    }

    private static JsonNode list(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        String where = at.isEmpty() ? key : at + "." + key;
        if (value == null || value.isNull()) {
            throw new NotifyConfigException(where + ": missing.");
        }
        if (!value.isArray()) {
            throw new NotifyConfigException(where + ": must be a list.");
        }
        return value;
    }

    private static String text(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new NotifyConfigException(at + "." + key + ": missing.");
        }
        return value.asText();
    }

    private record Recipient(String id, List<Destination> destinations) {}

    private record Subscription(
            String id,
            String recipient,
            String division,
            Set<String> models,
            Severity minSeverity) {

        boolean matches(Alert alert) {
            String code =
                    alert.getVillageCode() != null
                            ? alert.getVillageCode()
                            : alert.getTownshipCode();
            boolean inDivision =
                    code.startsWith(division) || alert.getTownshipCode().startsWith(division);
            return inDivision
                    && (models.isEmpty() || models.contains(alert.getModelId()))
                    && alert.getSeverity().compareTo(minSeverity) >= 0;
        }
    }
}
