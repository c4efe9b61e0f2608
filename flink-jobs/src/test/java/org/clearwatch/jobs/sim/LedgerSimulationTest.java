package org.clearwatch.jobs.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.LedgerEntry;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.junit.jupiter.api.Test;

class LedgerSimulationTest {

    private static LedgerSimulation simulate(long seed) {
        return LedgerSimulation.generate(
                LedgerSimulation.Options.demo(seed, LocalDate.of(2025, 9, 15), 30),
                LateDeposit.Settings.defaults(),
                WorkingCalendar.china());
    }

    @Test
    void theSameSeedGivesTheSameLedgers() {
        assertThat(simulate(7).entries()).isEqualTo(simulate(7).entries());
        assertThat(simulate(7).entries()).isNotEqualTo(simulate(8).entries());
    }

    @Test
    void entriesComeInEventTimeOrder() {
        List<LedgerEntry> entries = simulate(7).entries();
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).getOccurredAt())
                    .isAfterOrEqualTo(entries.get(i - 1).getOccurredAt());
        }
    }

    @Test
    void plantsEveryKindOfCase() {
        LedgerSimulation sim = simulate(7);

        assertThat(sim.expected())
                .extracting(LedgerSimulation.Expected::kind)
                .contains(AlertKind.RAISED, AlertKind.RESOLVED);
        assertThat(sim.entries())
                .anyMatch(
                        e -> e.getType() == LedgerEntryType.BANK_DEPOSIT && e.getCovers() == null);
        assertThat(sim.entries()).anyMatch(e -> e.getType() == LedgerEntryType.EXPENDITURE);
        Set<String> ids = new HashSet<>();
        assertThat(sim.entries()).anyMatch(e -> !ids.add(e.getEntryId()));
    }

    @Test
    void mostReceiptsAreBankedOnTime() {
        LedgerSimulation sim = simulate(7);
        long receipts =
                sim.entries().stream()
                        .filter(e -> e.getType() == LedgerEntryType.CASH_RECEIPT)
                        .map(LedgerEntry::getEntryId)
                        .distinct()
                        .count();
        long raised = sim.expected().stream().filter(e -> e.kind() == AlertKind.RAISED).count();

        assertThat(raised).isBetween(receipts / 20, receipts / 4);
    }
}
