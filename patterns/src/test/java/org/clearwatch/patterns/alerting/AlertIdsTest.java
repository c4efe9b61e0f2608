package org.clearwatch.patterns.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertIdsTest {

    @Test
    void theSameCaseGetsTheSameId() {
        assertThat(AlertIds.of("late-deposit", "A1", "E1"))
                .isEqualTo(AlertIds.of("late-deposit", "A1", "E1"))
                .startsWith("late-deposit:")
                .hasSize("late-deposit:".length() + 20);
    }

    @Test
    void partsDoNotRunIntoEachOther() {
        assertThat(AlertIds.of("m", "A1", "E1")).isNotEqualTo(AlertIds.of("m", "A", "1E1"));
    }

    @Test
    void moneyIsWrittenAsYuanWithTwoDecimals() {
        assertThat(Money.yuan(2_000_000L)).isEqualTo("20,000.00");
        assertThat(Money.yuan(5L)).isEqualTo("0.05");
    }
}
