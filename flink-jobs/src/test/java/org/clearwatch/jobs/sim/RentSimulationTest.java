package org.clearwatch.jobs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.rentarrears.RentArrears;
import org.clearwatch.patterns.rentarrears.RentArrearsHarness;
import org.clearwatch.schema.alert.Alert;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.junit.jupiter.api.Test;

class RentSimulationTest {

    private static final RentArrears.Settings SETTINGS = RentArrears.Settings.defaults();

    private static RentSimulation simulate(long seed) {
        return RentSimulation.generate(
                RentSimulation.Options.demo(seed, LocalDate.of(2025, 7, 1), 180),
                SETTINGS,
                WorkingCalendar.china());
    }

    @Test
    void theSameSeedGivesTheSameLedgersAndTheSameGroundTruth() {
        assertThat(simulate(7).entries()).isEqualTo(simulate(7).entries());
        assertThat(simulate(7).expected()).isEqualTo(simulate(7).expected());
        assertThat(simulate(7).entries()).isNotEqualTo(simulate(8).entries());
    }

    @Test
    void entriesComeInEventTimeOrderAndAreAllRent() {
        List<LedgerEntry> entries = simulate(7).entries();
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).getOccurredAt())
                    .isAfterOrEqualTo(entries.get(i - 1).getOccurredAt());
        }
        assertThat(entries)
                .allMatch(
                        e ->
                                e.getType() == LedgerEntryType.RENT_DUE
                                        || e.getType() == LedgerEntryType.RENT_RECEIVED)
                .allMatch(e -> e.getContractNo() != null);
    }

    @Test
    void plantsMonthlyQuarterlyAndAnnualDuesWithEveryKindOfCase() {
        RentSimulation sim = simulate(7);

        Map<String, Long> duesPerContract =
                sim.entries().stream()
                        .filter(e -> e.getType() == LedgerEntryType.RENT_DUE)
                        .collect(
                                Collectors.groupingBy(
                                        e -> e.getVillageCode() + e.getContractNo(),
                                        TreeMap::new,
                                        Collectors.mapping(
                                                LedgerEntry::getEntryId,
                                                Collectors.collectingAndThen(
                                                        Collectors.toSet(),
                                                        s -> (long) s.size()))));
        // 180 days: annual contracts fall due once, quarterly twice or so, monthly six times.
        assertThat(duesPerContract.values()).contains(1L, 6L).anyMatch(n -> n == 2L || n == 3L);
        assertThat(sim.expected())
                .extracting(ExpectedAlert::kind)
                .contains(AlertKind.RAISED, AlertKind.RESOLVED);
        // Some raised dues stay unpaid, some are paid late, some were paid in part on time.
        long raised = sim.expected().stream().filter(e -> e.kind() == AlertKind.RAISED).count();
        long resolved = sim.expected().stream().filter(e -> e.kind() == AlertKind.RESOLVED).count();
        assertThat(resolved).isPositive().isLessThan(raised);
        assertThat(paidInAdvance(sim.entries())).as("a payment booked before its due").isTrue();
        Set<String> ids = new HashSet<>();
        assertThat(sim.entries()).anyMatch(e -> !ids.add(e.getEntryId()));
    }

    @Test
    void mostDuesArePaidWithinTheGracePeriod() {
        RentSimulation sim = simulate(7);
        long dues =
                sim.entries().stream()
                        .filter(e -> e.getType() == LedgerEntryType.RENT_DUE)
                        .map(LedgerEntry::getEntryId)
                        .distinct()
                        .count();
        long raised = sim.expected().stream().filter(e -> e.kind() == AlertKind.RAISED).count();

        assertThat(raised).isBetween(dues / 20, dues / 3);
    }

    @Test
    void theGroundTruthIsExactlyWhatTheModelSaysAboutTheSimulatedLedgers() throws Exception {
        for (long seed : new long[] {7, 11, 23}) {
            RentSimulation sim = simulate(seed);
            List<String> got;
            try (RentArrearsHarness model =
                    RentArrearsHarness.start(SETTINGS, WorkingCalendar.china())) {
                // The ledgers as a live feed gives them: a day at a time, the watermark at its end.
                Map<LocalDate, List<LedgerEntry>> byDay =
                        sim.entries().stream()
                                .collect(
                                        Collectors.groupingBy(
                                                e -> WorkingCalendar.localDate(e.getOccurredAt()),
                                                TreeMap::new,
                                                Collectors.toList()));
                for (Map.Entry<LocalDate, List<LedgerEntry>> day : byDay.entrySet()) {
                    model.entries(day.getValue().toArray(LedgerEntry[]::new))
                            .watermark(WorkingCalendar.startOf(day.getKey().plusDays(1)));
                }
                model.watermark(Instant.parse("2030-01-01T00:00:00Z"));
                got = model.alerts().stream().map(RentSimulationTest::describe).sorted().toList();
            }
            List<String> expected =
                    sim.expected().stream().map(RentSimulationTest::describe).sorted().toList();

            assertThat(expected).as("seed %d", seed).hasSizeGreaterThan(10);
            assertThat(got).as("seed %d", seed).containsExactlyElementsOf(expected);
        }
    }

    /** Whether some payment comes within days before a due of its contract. */
    private static boolean paidInAdvance(List<LedgerEntry> entries) {
        for (LedgerEntry p : entries) {
            if (p.getType() != LedgerEntryType.RENT_RECEIVED) {
                continue;
            }
            for (LedgerEntry d : entries) {
                boolean sameContract =
                        d.getType() == LedgerEntryType.RENT_DUE
                                && d.getContractNo().equals(p.getContractNo())
                                && d.getVillageCode().equals(p.getVillageCode());
                Instant paid = p.getOccurredAt();
                if (sameContract
                        && d.getOccurredAt().isAfter(paid)
                        && d.getOccurredAt().minusSeconds(6 * 86_400L).isBefore(paid)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Alert a) {
        return a.getAlertId()
                + " "
                + a.getKind()
                + " "
                + a.getAmountFen()
                + " "
                + a.getEventTime()
                + " "
                + a.getTownshipCode();
    }

    private static String describe(ExpectedAlert e) {
        return e.alertId()
                + " "
                + e.kind()
                + " "
                + e.amountFen()
                + " "
                + e.eventTime()
                + " "
                + e.townshipCode();
    }
}
