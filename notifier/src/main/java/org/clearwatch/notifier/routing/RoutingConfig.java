package org.clearwatch.notifier.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * The routing part of the notifier's configuration: recipients with their level, division and
 * destinations; subscriptions by division-code prefix, model and minimum severity; escalation to
 * the level above, quiet hours and per-route rate limits. {@code docs/NOTIFY.md} (Routing) is the
 * reference of every key.
 *
 * <pre>
 * escalation: {min-severity: HIGH, ack-within: 30m}        # default of every subscription
 * quiet-hours: {from: "22:00", to: "07:30", below: MEDIUM} # default of every recipient
 * rate-limit: {per-minute: 20, burst: 5}                   # default of every subscription
 * recipients:
 *   - id: county-330299
 *     level: county
 *     division: "330299"
 *     destinations:
 *       - {name: county-mail, channel: email, to: jw@example.org}
 *   - id: township-330299103
 *     level: township
 *     division: "330299103"
 *     quiet-hours: off
 *     destinations:
 *       - name: t103-office
 *         channel: webhook
 *         url: https://office.example/hooks/clearwatch
 *         secret-env: CLEARWATCH_T103_WEBHOOK_SECRET
 * subscriptions:
 *   - id: t103
 *     recipient: township-330299103
 *     division: "330299103"          # county (6), township (9) or village (12) digits
 *     models: [late-deposit]         # optional; all models when absent
 *     min-severity: MEDIUM           # optional; LOW when absent
 *     escalation: {min-severity: CRITICAL, ack-within: 15m}   # or off
 *     rate-limit: off
 * </pre>
 */
public final class RoutingConfig {

    /** The route of the escalations planned for a subscription: its id and this suffix. */
    static final String ESCALATION_ROUTE_SUFFIX = "/escalation";

    private static final List<String> RECIPIENT_KEYS =
            List.of("id", "level", "division", "quiet-hours", "destinations");
    private static final List<String> SUBSCRIPTION_KEYS =
            List.of(
                    "id",
                    "recipient",
                    "division",
                    "models",
                    "min-severity",
                    "escalation",
                    "rate-limit");
    private static final String ID = "[A-Za-z0-9._-]+";

    private final Map<String, Recipient> recipients;
    private final List<Subscription> subscriptions;
    private final RateLimiter rateLimiter;

    private RoutingConfig(
            Map<String, Recipient> recipients,
            List<Subscription> subscriptions,
            RateLimiter rateLimiter) {
        this.recipients = recipients;
        this.subscriptions = subscriptions;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Reads the {@code recipients} and {@code subscriptions} sections of the notifier's YAML, and
     * the defaults {@code escalation}, {@code quiet-hours} and {@code rate-limit} at its top. Other
     * top-level keys belong to the rest of the notifier and are left alone.
     *
     * @param env where {@code secret-env} names are looked up
     * @throws NotifyConfigException naming the key, for anything that cannot be used
     */
    public static RoutingConfig parse(JsonNode root, Map<String, String> env) {
        Optional<Escalation> defaultEscalation =
                root.has("escalation") && !Fields.isOff(root.get("escalation"))
                        ? Optional.of(Escalation.parse(root.get("escalation"), "escalation"))
                        : Optional.empty();
        Optional<QuietHours> defaultQuietHours =
                root.has("quiet-hours") && !Fields.isOff(root.get("quiet-hours"))
                        ? Optional.of(QuietHours.parse(root.get("quiet-hours"), "quiet-hours"))
                        : Optional.empty();
        Optional<RateLimit> defaultRateLimit =
                root.has("rate-limit") && !Fields.isOff(root.get("rate-limit"))
                        ? Optional.of(RateLimit.parse(root.get("rate-limit"), "rate-limit"))
                        : Optional.empty();

        Map<String, Recipient> recipients = new LinkedHashMap<>();
        Set<String> destinationNames = new LinkedHashSet<>();
        JsonNode recipientNodes = list(root, "recipients");
        for (int i = 0; i < recipientNodes.size(); i++) {
            String at = "recipients[" + i + "]";
            Recipient recipient =
                    recipient(recipientNodes.get(i), at, env, defaultQuietHours, destinationNames);
            if (recipients.put(recipient.id(), recipient) != null) {
                throw new NotifyConfigException(
                        at + ".id: recipient " + recipient.id() + " is named twice.");
            }
        }

        List<Subscription> subscriptions = new ArrayList<>();
        Map<String, RateLimit> limits = new LinkedHashMap<>();
        Set<String> subscriptionIds = new HashSet<>();
        JsonNode subscriptionNodes = list(root, "subscriptions");
        for (int i = 0; i < subscriptionNodes.size(); i++) {
            String at = "subscriptions[" + i + "]";
            Subscription subscription =
                    subscription(
                            subscriptionNodes.get(i),
                            at,
                            recipients,
                            defaultEscalation,
                            defaultRateLimit);
            if (!subscriptionIds.add(subscription.id())) {
                throw new NotifyConfigException(
                        at + ".id: subscription " + subscription.id() + " is named twice.");
            }
            subscription
                    .rateLimit()
                    .ifPresent(
                            limit -> {
                                limits.put(subscription.id(), limit);
                                limits.put(subscription.id() + ESCALATION_ROUTE_SUFFIX, limit);
                            });
            subscriptions.add(subscription);
        }
        return new RoutingConfig(
                Collections.unmodifiableMap(recipients),
                List.copyOf(subscriptions),
                new TokenBuckets(limits));
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

    /** One limiter for the life of this configuration: every call returns the same buckets. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    private List<PlannedDelivery> plan(Alert alert, Instant publishedAt) {
        List<PlannedDelivery> planned = new ArrayList<>();
        Set<String> told = new HashSet<>();
        Map<String, PlannedDelivery> escalations = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            if (!subscription.matches(alert)) {
                continue;
            }
            for (Destination destination : subscription.recipient().destinations()) {
                // Overlapping subscriptions of one recipient tell each destination once.
                if (told.add(destination.name())) {
                    planned.add(
                            delivery(
                                    deliveryId(alert, subscription.id(), destination.name()),
                                    subscription.id(),
                                    subscription.recipient(),
                                    destination,
                                    publishedAt,
                                    false,
                                    alert));
                }
            }
            if (subscription.escalation() == null || !subscription.escalation().applies(alert)) {
                continue;
            }
            // The time to acknowledge starts when the recipient is told, after its quiet hours.
            Instant due =
                    heldUntil(subscription.recipient(), alert, publishedAt)
                            .orElse(publishedAt)
                            .plus(subscription.escalation().ackWithin());
            for (Recipient up : subscription.escalateTo()) {
                for (Destination destination : up.destinations()) {
                    PlannedDelivery escalation =
                            delivery(
                                    escalationId(alert, up.id(), destination.name()),
                                    subscription.id() + ESCALATION_ROUTE_SUFFIX,
                                    up,
                                    destination,
                                    due,
                                    true,
                                    alert);
                    // Two subscriptions escalating to one destination: the earlier deadline.
                    escalations.merge(
                            destination.name(),
                            escalation,
                            (kept, other) ->
                                    other.notBefore().isBefore(kept.notBefore()) ? other : kept);
                }
            }
        }
        planned.addAll(escalations.values());
        return planned;
    }

    private static PlannedDelivery delivery(
            String deliveryId,
            String routeId,
            Recipient recipient,
            Destination destination,
            Instant due,
            boolean unlessAcknowledged,
            Alert alert) {
        Optional<Instant> held = heldUntil(recipient, alert, due);
        Instant notBefore = held.orElse(due);
        String digestKey = held.map(end -> digestKey(destination.name(), end)).orElse(null);
        return new PlannedDelivery(
                deliveryId,
                routeId,
                recipient.id(),
                destination,
                notBefore,
                digestKey,
                unlessAcknowledged,
                alert);
    }

    /** The end of the recipient's quiet period, if a push of this alert due then must wait. */
    private static Optional<Instant> heldUntil(Recipient recipient, Alert alert, Instant due) {
        QuietHours quiet = recipient.quietHours();
        if (quiet == null || !quiet.holds(alert.getSeverity())) {
            return Optional.empty();
        }
        return quiet.endOfPeriodContaining(due);
    }

    /** Stable across runs: the alert step, the subscription and the destination. */
    static String deliveryId(Alert alert, String subscriptionId, String destinationName) {
        return "msg_"
                + hash(
                        alert.getAlertId()
                                + "|"
                                + alert.getKind()
                                + "|"
                                + subscriptionId
                                + "|"
                                + destinationName);
    }

    /**
     * Stable across runs and whichever subscription asked for it: the alert step, the recipient
     * above and its destination. Never equal to a direct delivery's id.
     */
    static String escalationId(Alert alert, String recipientId, String destinationName) {
        return "msg_"
                + hash(
                        "escalation|"
                                + alert.getAlertId()
                                + "|"
                                + alert.getKind()
                                + "|"
                                + recipientId
                                + "|"
                                + destinationName);
    }

    /** One digest a destination and quiet period: every delivery held to that end shares it. */
    static String digestKey(String destinationName, Instant periodEnd) {
        return "dig_" + hash(destinationName + "|" + periodEnd);
    }

    private static String hash(String key) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The recipients one level above {@code recipient} whose division contains its division. An
     * escalation asked for by the subscription itself must find one; the default of the file skips
     * county recipients (nothing is above them) and must find one for every other.
     */
    private static List<Recipient> above(
            Recipient recipient, Map<String, Recipient> recipients, String at, boolean explicit) {
        if (recipient.level() == null) {
            throw new NotifyConfigException(
                    at
                            + (explicit ? "" : ".recipient")
                            + ": recipient "
                            + recipient.id()
                            + " has no level and division, so there is no level above to escalate"
                            + " to.");
        }
        Optional<Level> levelAbove = recipient.level().above();
        if (levelAbove.isEmpty()) {
            if (explicit) {
                throw new NotifyConfigException(
                        at
                                + ": recipient "
                                + recipient.id()
                                + " is at county level; there is no level above to escalate to.");
            }
            return List.of();
        }
        List<Recipient> found = new ArrayList<>();
        for (Recipient candidate : recipients.values()) {
            if (candidate.level() == levelAbove.get()
                    && recipient.division().startsWith(candidate.division())) {
                found.add(candidate);
            }
        }
        if (found.isEmpty()) {
            throw new NotifyConfigException(
                    at
                            + (explicit ? "" : ".recipient")
                            + ": no "
                            + levelAbove.get().key()
                            + " recipient's division contains "
                            + recipient.division()
                            + " of recipient "
                            + recipient.id()
                            + ", so an unacknowledged alert could not escalate.");
        }
        return List.copyOf(found);
    }

    private static Recipient recipient(
            JsonNode node,
            String at,
            Map<String, String> env,
            Optional<QuietHours> defaultQuietHours,
            Set<String> destinationNames) {
        Fields.mapping(node, at, "{id: township-330299103, level: township, ...}");
        Fields.onlyKeys(node, at, RECIPIENT_KEYS);
        String id = text(node, "id", at);
        Level level = null;
        String division = null;
        if (node.has("division")) {
            division = text(node, "division", at);
            Optional<Level> byDigits =
                    division.matches("\\d+") ? Level.ofDigits(division.length()) : Optional.empty();
            if (byDigits.isEmpty()) {
                throw new NotifyConfigException(
                        at
                                + ".division: "
                                + division
                                + " is not a county (6 digits), township (9) or village (12) code.");
            }
            level = byDigits.get();
        }
        if (node.has("level")) {
            String text = text(node, "level", at);
            Level named;
            try {
                named = Level.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NotifyConfigException(
                        at + ".level: " + text + " is not one of village, township, county.");
            }
            if (division == null) {
                throw new NotifyConfigException(
                        at + ".division: missing; a " + named.key() + " recipient needs its code.");
            }
            if (named != level) {
                throw new NotifyConfigException(
                        at
                                + ".division: "
                                + division
                                + " has "
                                + division.length()
                                + " digits, a "
                                + named.key()
                                + " code has "
                                + named.digits()
                                + ".");
            }
        }
        QuietHours quietHours = defaultQuietHours.orElse(null);
        if (node.has("quiet-hours")) {
            quietHours =
                    Fields.isOff(node.get("quiet-hours"))
                            ? null
                            : QuietHours.parse(node.get("quiet-hours"), at + ".quiet-hours");
        }
        List<Destination> destinations = new ArrayList<>();
        JsonNode destinationNodes = list(node, "destinations", at);
        if (destinationNodes.isEmpty()) {
            throw new NotifyConfigException(at + ".destinations: recipient " + id + " has none.");
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
        return new Recipient(id, level, division, quietHours, List.copyOf(destinations));
    }

    private static Subscription subscription(
            JsonNode node,
            String at,
            Map<String, Recipient> recipients,
            Optional<Escalation> defaultEscalation,
            Optional<RateLimit> defaultRateLimit) {
        Fields.mapping(node, at, "{id: t103, recipient: township-330299103, division: ...}");
        Fields.onlyKeys(node, at, SUBSCRIPTION_KEYS);
        String id = text(node, "id", at);
        if (!id.matches(ID)) {
            throw new NotifyConfigException(
                    at + ".id: " + id + " may hold only letters, digits, '.', '_' and '-'.");
        }
        String recipientId = text(node, "recipient", at);
        Recipient recipient = recipients.get(recipientId);
        if (recipient == null) {
            throw new NotifyConfigException(
                    at + ".recipient: no recipient with id " + recipientId + ".");
        }
        String division = division(node, at);
        if (recipient.division() != null && !division.startsWith(recipient.division())) {
            throw new NotifyConfigException(
                    at
                            + ".division: "
                            + division
                            + " lies outside the division "
                            + recipient.division()
                            + " of recipient "
                            + recipient.id()
                            + ".");
        }
        Set<String> models = new LinkedHashSet<>();
        if (node.has("models")) {
            JsonNode modelNodes = list(node, "models", at);
            if (modelNodes.isEmpty()) {
                throw new NotifyConfigException(
                        at + ".models: empty; leave it out to receive every model.");
            }
            for (JsonNode model : modelNodes) {
                if (!model.isTextual() || model.asText().isBlank()) {
                    throw new NotifyConfigException(
                            at + ".models: " + model + " is not a model id.");
                }
                models.add(model.asText());
            }
        }
        Severity minSeverity = Fields.severity(node, "min-severity", at, Severity.LOW);

        Escalation escalation = null;
        List<Recipient> escalateTo = List.of();
        if (node.has("escalation")) {
            if (!Fields.isOff(node.get("escalation"))) {
                escalation = Escalation.parse(node.get("escalation"), at + ".escalation");
                escalateTo = above(recipient, recipients, at + ".escalation", true);
            }
        } else if (defaultEscalation.isPresent()) {
            escalateTo = above(recipient, recipients, at, false);
            escalation = escalateTo.isEmpty() ? null : defaultEscalation.get();
        }

        Optional<RateLimit> rateLimit = defaultRateLimit;
        if (node.has("rate-limit")) {
            rateLimit =
                    Fields.isOff(node.get("rate-limit"))
                            ? Optional.empty()
                            : Optional.of(
                                    RateLimit.parse(node.get("rate-limit"), at + ".rate-limit"));
        }
        return new Subscription(
                id,
                recipient,
                division,
                Set.copyOf(models),
                minSeverity,
                escalation,
                escalateTo,
                rateLimit);
    }

    private static String division(JsonNode node, String at) {
        String division = text(node, "division", at);
        if (!division.matches("\\d+") || Level.ofDigits(division.length()).isEmpty()) {
            throw new NotifyConfigException(
                    at
                            + ".division: "
                            + division
                            + " is not a county (6 digits), township (9) or village (12) code"
                            + " prefix.");
        }
        return division;
    }

    private static Destination destination(JsonNode node, String at, Map<String, String> env) {
        Fields.mapping(node, at, "{name: t103-wecom, channel: wecom, url: ...}");
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
        String addressKey = channel == Channel.EMAIL ? "to" : "url";
        Fields.onlyKeys(node, at, List.of("name", "channel", addressKey, "secret-env"));
        String address = text(node, addressKey, at);
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
        return Fields.text(node, key, at);
    }

    /**
     * @param level null when the recipient names no division: it then takes no part in escalation
     * @param quietHours null when its pushes are never held
     */
    private record Recipient(
            String id,
            Level level,
            String division,
            QuietHours quietHours,
            List<Destination> destinations) {}

    /**
     * @param escalation null when an unacknowledged alert stays with the recipient
     * @param escalateTo the recipients one level up that an escalation goes to
     * @param rateLimit the budget of this route and of its escalations, each on its own
     */
    private record Subscription(
            String id,
            Recipient recipient,
            String division,
            Set<String> models,
            Severity minSeverity,
            Escalation escalation,
            List<Recipient> escalateTo,
            Optional<RateLimit> rateLimit) {

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
