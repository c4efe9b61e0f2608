package org.clearwatch.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Mistakes on the command line end in one sentence and exit code 2, never a stack trace. */
class ClearwatchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... argv) {
        return Clearwatch.run(
                argv,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownCommandIsNamed() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(errors())
                .isEqualTo(
                        "clearwatch: Unknown command 'deploy'; run './clearwatch help' for the list.\n");
    }

    @Test
    void noCommandPrintsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(errors()).contains("Usage: ./clearwatch <command>");
    }

    @Test
    void aMissingReplayFileIsOneSentence() {
        assertThat(run("replay", "/no/such/file.jsonl")).isEqualTo(2);
        assertThat(errors())
                .isEqualTo("clearwatch: Input file /no/such/file.jsonl does not exist.\n");
    }

    @Test
    void anUnknownOptionListsTheOnesThatExist() {
        assertThat(run("replay", "--untill", "2025-10-01")).isEqualTo(2);
        assertThat(errors()).startsWith("clearwatch: 'replay' has no option --untill (it takes");
    }

    @Test
    void aBadTimeSaysWhatItExpects() {
        assertThat(run("replay", "x.jsonl", "--until", "yesterday")).isEqualTo(2);
        assertThat(errors()).contains("--until must be a time with offset");
    }

    @Test
    void runWithoutConfigSaysWhatIsMissing() {
        assertThat(run("run")).isEqualTo(2);
        assertThat(errors())
                .isEqualTo("clearwatch: run needs --config FILE (see deploy/ for an example).\n");
    }

    @Test
    void demoRefusesADurationTooShortToStart() {
        assertThat(run("demo", "--duration", "5s")).isEqualTo(2);
        assertThat(errors()).contains("--duration must be at least 30s");
    }

    @Test
    void modelsListsLateDepositWithItsParameters() {
        assertThat(run("models")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("late-deposit 1.0")
                .contains("models.late-deposit.deadline-days");
    }

    @Test
    void modelsListsTheWorkingHoursOfOffHoursVehicleAndTheirPerUnitOverrides() {
        assertThat(run("models")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("off-hours-vehicle 1.0")
                .contains("models.off-hours-vehicle.working-hours")
                .contains("models.off-hours-vehicle.unit-working-hours")
                .contains("UNIT=HH:MM-HH:MM");
    }

    @Test
    void modelsListsThePayoutModelsWithTheirParameters() {
        assertThat(run("models")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("repeated-payout 1.0")
                .contains("models.repeated-payout.yearly-limits")
                .contains("deceased-beneficiary 1.0")
                .contains("models.deceased-beneficiary.look-back-months")
                .contains("official-beneficiary 1.0")
                .contains("models.official-beneficiary.restricted-programmes")
                .contains("DIBAO,PUBLIC_WELFARE_JOB,SKILL_TRAINING")
                .contains("account-holder-mismatch 1.0")
                .contains("models.account-holder-mismatch.several-beneficiaries");
    }
}
