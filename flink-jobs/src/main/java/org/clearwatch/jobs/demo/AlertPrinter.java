package org.clearwatch.jobs.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.clearwatch.patterns.alerting.Money;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.Records;
import org.clearwatch.schema.alert.Alert;

/**
 * Reads the alerts topic as any downstream reader must, with {@code read_committed}, and prints
 * each alert as one line.
 */
final class AlertPrinter implements Runnable {

    /** An alert as a reader saw it: committed and readable at {@code atMillis} (wall clock). */
    record Received(Alert alert, long atMillis) {}

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    AlertPrinter(String bootstrap, String topic, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "clearwatch-demo-printer");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.consumer.subscribe(List.of(topic));
        this.out = out;
    }

    @Override
    public void run() {
        var decoder = Records.<Alert>decoder(Alert.getClassSchema());
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    Alert alert = decoder.decode(record.value());
                    received.add(new Received(alert, System.currentTimeMillis()));
                    out.println(line(alert));
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (Exception e) {
            out.println("alert printer stopped: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    static String line(Alert alert) {
        String amount = alert.getAmountFen() == null ? "" : Money.yuan(alert.getAmountFen()) + " 元";
        return String.format(
                "%s  %-8s %-13s 乡镇 %s  %14s  %s",
                TIME.format(alert.getEventTime()),
                alert.getKind(),
                alert.getModelId(),
                alert.getTownshipCode(),
                amount,
                alert.getSummary());
    }

    /** Every alert read so far, with when it became readable. */
    List<Received> received() {
        return received;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
