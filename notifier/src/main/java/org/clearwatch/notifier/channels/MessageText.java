package org.clearwatch.notifier.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.alert.EvidenceRecord;
import org.clearwatch.schema.alert.Severity;

/**
 * The Chinese text of a push, short enough to read on a phone: title, township and village, model,
 * severity, money in 元, the summary, the evidence (record ids and times, never personal values),
 * the link back and, where an inspector is expected to confirm, the acknowledgement link.
 */
public final class MessageText {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Severity, String> SEVERITY =
            Map.of(
                    Severity.LOW, "低",
                    Severity.MEDIUM, "中",
                    Severity.HIGH, "高",
                    Severity.CRITICAL, "严重");
    private static final Map<AlertKind, String> KIND =
            Map.of(
                    AlertKind.RAISED, "新告警",
                    AlertKind.UPDATED, "告警更新",
                    AlertKind.RESOLVED, "已解除");

    private final Links links;

    public MessageText(Links links) {
        this.links = links;
    }

    /** One line: the subject of an e-mail, the title of a robot message. */
    public String title(Push push) {
        if (push.digest()) {
            return "Clearwatch 告警汇总：" + push.items().size() + " 条";
        }
        Push.Item item = push.items().get(0);
        Alert a = item.alert();
        return (item.escalation() ? "【升级】" : "")
                + "【"
                + SEVERITY.get(a.getSeverity())
                + "】"
                + Redact.text(a.getTitle())
                + "（"
                + KIND.get(a.getKind())
                + "）";
    }

    /** Markdown for the WeCom and DingTalk robots. */
    public String markdown(Push push) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title(push)).append("\n");
        for (Push.Item item : push.items()) {
            if (push.digest()) {
                out.append("\n---\n#### ")
                        .append("【")
                        .append(SEVERITY.get(item.alert().getSeverity()))
                        .append("】")
                        .append(Redact.text(item.alert().getTitle()))
                        .append("\n");
            }
            body(item, true, out);
        }
        return out.toString();
    }

    /** Plain text for e-mail. */
    public String plain(Push push) {
        StringBuilder out = new StringBuilder();
        out.append(title(push)).append("\n");
        for (Push.Item item : push.items()) {
            if (push.digest()) {
                out.append("\n—— 【")
                        .append(SEVERITY.get(item.alert().getSeverity()))
                        .append("】")
                        .append(Redact.text(item.alert().getTitle()))
                        .append("\n");
            }
            body(item, false, out);
        }
        return out.toString();
    }

    private void body(Push.Item item, boolean md, StringBuilder out) {
        Alert a = item.alert();
        String b = md ? "**" : "";
        if (item.escalation()) {
            out.append("> 乡镇未在时限内确认，升级报送。\n");
        }
        out.append(b).append("乡镇").append(b).append("：").append(a.getTownshipCode());
        if (a.getVillageCode() != null) {
            out.append("　").append(b).append("村").append(b).append("：").append(a.getVillageCode());
        }
        out.append("\n");
        out.append(b)
                .append("模型")
                .append(b)
                .append("：")
                .append(a.getModelId())
                .append(" v")
                .append(a.getModelVersion())
                .append("　")
                .append(b)
                .append("级别")
                .append(b)
                .append("：")
                .append(SEVERITY.get(a.getSeverity()))
                .append("　")
                .append(KIND.get(a.getKind()))
                .append("\n");
        if (a.getAmountFen() != null) {
            out.append(b)
                    .append("金额")
                    .append(b)
                    .append("：")
                    .append(yuan(a.getAmountFen()))
                    .append(" 元\n");
        }
        out.append(b)
                .append("对象")
                .append(b)
                .append("：")
                .append(Redact.text(a.getEntityType()))
                .append(" ")
                .append(Redact.text(a.getEntityId()))
                .append("\n");
        out.append(Redact.text(a.getSummary())).append("\n");
        if (!a.getEvidence().isEmpty()) {
            out.append(b).append("证据").append(b).append("：\n");
            for (EvidenceRecord e : a.getEvidence()) {
                out.append("- ")
                        .append(Redact.text(e.getRole()))
                        .append(" ")
                        .append(Redact.text(e.getRecordId()))
                        .append("（")
                        .append(Redact.text(e.getFeed()))
                        .append("，")
                        .append(TIME.format(e.getEventTime()))
                        .append(e.getAmountFen() == null ? "" : "，" + yuan(e.getAmountFen()) + " 元")
                        .append("）\n");
            }
        }
        out.append("发生时间：").append(TIME.format(a.getEventTime())).append("\n");
        String alertLink = links.alert(a.getAlertId());
        out.append(md ? "[查看告警](" + alertLink + ")" : "查看告警：" + alertLink);
        if (acknowledgeable(item)) {
            String ack = links.ack(a.getAlertId());
            out.append(md ? "　[确认收到](" + ack + ")" : "\n确认收到：" + ack);
        }
        out.append("\n");
    }

    /**
     * Alerts that can be escalated ask for an acknowledgement: raised or updated, HIGH or above,
     * and every escalation.
     */
    static boolean acknowledgeable(Push.Item item) {
        Alert a = item.alert();
        return item.escalation()
                || (a.getKind() != AlertKind.RESOLVED
                        && a.getSeverity().compareTo(Severity.HIGH) >= 0);
    }

    /**
     * The body of a signed webhook: {@code type}, and {@code data} with the alert fields (masked as
     * the job wrote them, guarded again), when it was published, the links and the text. The same
     * bytes on every retry.
     */
    public byte[] json(Push push) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", push.digest() ? "alert.digest" : "alert." + kindName(push));
        root.put("id", push.id());
        ObjectNode data = root.putObject("data");
        if (push.digest()) {
            ArrayNode alerts = data.putArray("alerts");
            push.items().forEach(item -> alertJson(item, alerts.addObject()));
        } else {
            alertJson(push.items().get(0), data);
        }
        data.put("title", title(push));
        data.put("text", markdown(push));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    private static String kindName(Push push) {
        return push.items().get(0).alert().getKind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void alertJson(Push.Item item, ObjectNode node) {
        Alert a = item.alert();
        node.put("alert_id", a.getAlertId());
        node.put("kind", a.getKind().name());
        node.put("model_id", a.getModelId());
        node.put("model_version", a.getModelVersion());
        node.put("severity", a.getSeverity().name());
        node.put("entity_type", Redact.text(a.getEntityType()));
        node.put("entity_id", Redact.text(a.getEntityId()));
        node.put("township_code", a.getTownshipCode());
        if (a.getVillageCode() != null) {
            node.put("village_code", a.getVillageCode());
        }
        node.put("title", Redact.text(a.getTitle()));
        node.put("summary", Redact.text(a.getSummary()));
        if (a.getAmountFen() != null) {
            node.put("amount_fen", a.getAmountFen());
        }
        ArrayNode evidence = node.putArray("evidence");
        for (EvidenceRecord e : a.getEvidence()) {
            ObjectNode n = evidence.addObject();
            n.put("feed", e.getFeed());
            n.put("record_id", Redact.text(e.getRecordId()));
            n.put("role", e.getRole());
            n.put("event_time", e.getEventTime().toString());
            if (e.getAmountFen() != null) {
                n.put("amount_fen", e.getAmountFen());
            }
        }
        node.put("event_time", a.getEventTime().toString());
        node.put("detected_at", a.getDetectedAt().toString());
        node.put("published_at", item.publishedAt().toString());
        node.put("escalation", item.escalation());
        node.put("link", links.alert(a.getAlertId()));
        if (acknowledgeable(item)) {
            node.put("ack_link", links.ack(a.getAlertId()));
        }
    }

    /** 2000000 fen -> "20,000.00". */
    public static String yuan(long fen) {
        long abs = Math.abs(fen);
        String text = String.format(java.util.Locale.ROOT, "%,d.%02d", abs / 100, abs % 100);
        return fen < 0 ? "-" + text : text;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
