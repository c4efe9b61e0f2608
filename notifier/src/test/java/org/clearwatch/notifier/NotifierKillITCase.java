package org.clearwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.notifier.NotifierITCase.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.clearwatch.localkafka.LocalKafka;
import org.clearwatch.notifier.channels.StandardWebhooks;
import org.clearwatch.notifier.inbox.InspectorInbox;
import org.clearwatch.notifier.ledger.KafkaLedger;
import org.clearwatch.notifier.ledger.LedgerEntry;
import org.clearwatch.notifier.testing.NotifierFixture;
import org.clearwatch.schema.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the notifier at the worst moment: the receiver has taken the k-th push and the
 * notifier dies (SIGKILL, no shutdown hook) before it hears the answer, so before it can record
 * DELIVERED. After a restart every alert is delivered, nothing recorded as delivered is sent again,
 * the push in flight is sent again under the same webhook-id (at least once) and the receiver,
 * deduplicating on that id, accepts every alert exactly once.
 */
class NotifierKillITCase {

    private static final int ALERTS = 30;
    private static final int KILL_AT_REQUEST = 12;

    @Test
    void aKilledNotifierLosesNothingAndTheReceiverAcceptsEachAlertOnce(@TempDir Path dir)
            throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("alerts", 2, Map.of());
            AtomicReference<Process> running = new AtomicReference<>();
            AtomicInteger requests = new AtomicInteger();
            AtomicReference<String> inFlightAtKill = new AtomicReference<>();
            try (InspectorInbox inbox =
                    new InspectorInbox(
                            0,
                            NotifierFixture.SECRET,
                            StandardWebhooks.DEFAULT_TOLERANCE,
                            Clock.systemUTC(),
                            r -> {})) {
                inbox.beforeAnswer(
                        id -> {
                            if (requests.incrementAndGet() == KILL_AT_REQUEST) {
                                inFlightAtKill.set(id);
                                Process p = running.get();
                                p.destroyForcibly(); // SIGKILL
                                try {
                                    p.waitFor();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        });
                Path config =
                        NotifierFixture.writeConfig(
                                dir, kafka.bootstrapServers(), inbox.webhookUrl(), null, 2);
                List<Alert> alerts = new ArrayList<>();
                for (int i = 1; i <= ALERTS; i++) {
                    alerts.add(NotifierFixture.alert("A-kill-" + i, "330299103"));
                }
                NotifierFixture.publish(kafka.bootstrapServers(), "alerts", alerts);

                Process first = start(config, dir.resolve("first.log"));
                running.set(first);
                await(() -> !first.isAlive(), Duration.ofSeconds(60));
                assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

                Map<String, LedgerEntry.Status> atKill = ledger(kafka);
                Set<String> deliveredAtKill =
                        atKill.entrySet().stream()
                                .filter(e -> e.getValue() == LedgerEntry.Status.DELIVERED)
                                .map(Map.Entry::getKey)
                                .collect(Collectors.toSet());
                Map<String, Integer> rawAtKill = inbox.rawCounts();
                assertThat(atKill.get(inFlightAtKill.get()))
                        .as("the push in flight was taken but not recorded")
                        .isEqualTo(LedgerEntry.Status.PENDING);

                Process second = start(config, dir.resolve("second.log"));
                running.set(second);
                try {
                    await(() -> inbox.accepted().size() == ALERTS, Duration.ofSeconds(60));
                    await(
                            () ->
                                    ledger(kafka).values().stream()
                                                    .filter(s -> s == LedgerEntry.Status.DELIVERED)
                                                    .count()
                                            == ALERTS,
                            Duration.ofSeconds(30));
                } finally {
                    second.destroy();
                    second.waitFor();
                }

                // Every alert delivered, each accepted once by the receiver.
                assertThat(inbox.accepted())
                        .flatExtracting(InspectorInbox.Receipt::alertIds)
                        .containsExactlyInAnyOrderElementsOf(
                                alerts.stream().map(Alert::getAlertId).toList());
                // Nothing recorded as delivered was sent again.
                Map<String, Integer> raw = inbox.rawCounts();
                for (String id : deliveredAtKill) {
                    assertThat(raw.get(id))
                            .as("sends of %s, DELIVERED before the kill", id)
                            .isEqualTo(rawAtKill.get(id));
                }
                // The push in flight was sent again under the same id: at least once, deduplicated.
                assertThat(raw.get(inFlightAtKill.get())).isEqualTo(2);
                Map<String, LedgerEntry.Status> after = ledger(kafka);
                assertThat(after.values()).containsOnly(LedgerEntry.Status.DELIVERED);
                assertThat(after).hasSize(ALERTS);
                int redeliveries = inbox.redeliveries();
                System.out.printf(
                        "kill -9 test: %d alerts, killed at request %d; %d DELIVERED at the kill;"
                                + " %d accepted, 0 lost, 0 accepted twice; %d raw redeliveries"
                                + " (pushes in flight at the kill, same webhook-id)%n",
                        ALERTS,
                        KILL_AT_REQUEST,
                        deliveredAtKill.size(),
                        inbox.accepted().size(),
                        redeliveries);
                assertThat(redeliveries).isBetween(1, 2);
            }
        }
    }

    private static Process start(Path config, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NotifierMain.class.getName());
        command.add("--config");
        command.add(config.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(NotifierFixture.ENV);
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        return builder.start();
    }

    private static Map<String, LedgerEntry.Status> ledger(LocalKafka kafka) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        Map<String, LedgerEntry.Status> out = new HashMap<>();
        KafkaLedger.readAll(props, "notify-ledger").forEach((k, v) -> out.put(k, v.status()));
        return out;
    }
}
