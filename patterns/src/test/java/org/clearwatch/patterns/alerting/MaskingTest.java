package org.clearwatch.patterns.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void aNationalIdKeepsItsFirstAndLastFour() {
        assertThat(Masking.nationalId("11010519491231002X")).isEqualTo("1101**********002X");
    }

    @Test
    void anAccountKeepsItsLastFour() {
        assertThat(Masking.account("6222021234567890123")).isEqualTo("***************0123");
    }

    @Test
    void aNameKeepsTheFamilyName() {
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("李四")).isEqualTo("李*");
    }

    @Test
    void aCompoundFamilyNameStaysWhole() {
        assertThat(Masking.name("欧阳修")).isEqualTo("欧阳*");
    }

    @Test
    void shortValuesAreMaskedWhole() {
        assertThat(Masking.account("123")).isEqualTo("***");
        assertThat(Masking.nationalId(null)).isEmpty();
    }
}
