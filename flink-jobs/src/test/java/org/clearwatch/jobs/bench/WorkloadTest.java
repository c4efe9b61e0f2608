package org.clearwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.latedeposit.LateDeposit;
import org.clearwatch.patterns.latedeposit.LateDepositAlerts;
import org.clearwatch.schema.feed.LedgerEntryType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

    private static final LateDeposit.Settings SETTINGS = LateDeposit.Settings.defaults();
    private static final Workload.Spec SPEC =
            new Workload.Spec(1, 100_000, LocalDate.of(2025, 9, 22), 21, 0.4);

    @Test
    void aHundredThousandAccountsAreFourHundredTownshipsOf250Villages() {
        assertThat(SPEC.villagesPerTownship()).isEqualTo(250);
        assertThat(SPEC.townships()).isEqualTo(400);
    }

    @Test
    void largeWorkloadsStayWithinNineDigitTownshipCodes() {
        Workload.Spec large = new Workload.Spec(1, Workload.MAX_ACCOUNTS, SPEC.firstDay(), 21, 0.4);

        assertThat(large.townships()).isLessThanOrEqualTo(Workload.MAX_TOWNSHIPS);
        assertThat(large.villagesPerTownship())
                .isLessThanOrEqualTo(Workload.MAX_VILLAGES_PER_TOWNSHIP);
        assertThat(Workload.townshipCode(large.townships() - 1)).hasSize(9);
        assertThat(Workload.townshipCode(0)).isEqualTo("330299101");
    }

    @Test
    void theCacheKeyIsStableAndFollowsEveryParameter() {
        String key = SPEC.cacheKey(SETTINGS);

        assertThat(SPEC.cacheKey(SETTINGS)).isEqualTo(key);
        assertThat(key).startsWith("ledger-a100000-d21-20250922-r0.4-s1-");
        assertThat(new Workload.Spec(2, 100_000, SPEC.firstDay(), 21, 0.4).cacheKey(SETTINGS))
                .isNotEqualTo(key);
        assertThat(new Workload.Spec(1, 100_000, SPEC.firstDay(), 21, 0.5).cacheKey(SETTINGS))
                .isNotEqualTo(key);
        LateDeposit.Settings fiveDays =
                new LateDeposit.Settings(5, true, 180, 3, 5000, 1_000_000L, 5_000_000L);
        assertThat(SPEC.cacheKey(fiveDays)).isNotEqualTo(key);
    }

    @Test
    void entryIdsAreNumberedAcrossTheWholeWorkload() {
        assertThat(Workload.globalEntryId("LE-0007-000012", 3, 250)).isEqualTo("LE-000757-000012");
        Set<Long> seeds = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            for (int township = 0; township < 1000; township++) {
                assertThat(seeds.add(Workload.townshipSeed(seed, township))).isTrue();
            }
        }
    }

    @Test
    void aWorkloadIsGeneratedOnceThenReadFromTheCache(@TempDir Path dir) throws Exception {
        Workload.Spec small = new Workload.Spec(5, 600, LocalDate.of(2025, 9, 22), 10, 1.0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8);

        Workload.Prepared first =
                Workload.prepare(small, dir, SETTINGS, WorkingCalendar.china(), progress);
        Workload.Prepared second =
                Workload.prepare(small, dir, SETTINGS, WorkingCalendar.china(), progress);

        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("workload: generating")
                .contains("workload: cached");
        assertThat(second).isEqualTo(first);
        assertThat(first.accounts()).isEqualTo(600);
        assertThat(first.events()).isGreaterThan(600);
        assertThat(first.expected()).hasSize(first.expectedAlerts()).isNotEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void relocatedTownshipsKeepTheirGroundTruth() {
        var sim =
                org.clearwatch.jobs.sim.LedgerSimulation.generate(
                        new org.clearwatch.jobs.sim.LedgerSimulation.Options(
                                3, 1, 20, LocalDate.of(2025, 9, 22), 20, 1.0, 0.0),
                        SETTINGS,
                        WorkingCalendar.china());
        List<org.clearwatch.schema.feed.LedgerEntry> entries = new java.util.ArrayList<>();
        List<String> expected = new java.util.ArrayList<>();

        Workload.relocate(sim, 4, 250, entries, expected);

        assertThat(entries).allMatch(e -> e.getTownshipCode().equals("330299105"));
        assertThat(entries).allMatch(e -> e.getAccountId().startsWith(e.getVillageCode()));
        assertThat(entries).allMatch(e -> e.getEntryId().startsWith("LE-001"));
        Set<String> receiptAlerts = new HashSet<>();
        entries.stream()
                .filter(e -> e.getType() == LedgerEntryType.CASH_RECEIPT)
                .forEach(
                        e ->
                                receiptAlerts.add(
                                        LateDepositAlerts.alertId(
                                                e.getAccountId(), e.getEntryId())));
        assertThat(expected).isNotEmpty();
        assertThat(expected).allMatch(x -> receiptAlerts.contains(x.substring(0, x.indexOf(' '))));
    }
}
