package org.clearwatch.patterns.latedeposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.ACCOUNT;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.MONDAY_0930;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.MONDAY_1600;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.TUESDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.WEDNESDAY_1000;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.deposit;
import static org.clearwatch.patterns.latedeposit.LedgerTestData.receipt;

import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;

/** The arithmetic of the receipt book, without Flink. */
class ReceiptBookTest {

    private static final LateDeposit.Settings SETTINGS = LateDeposit.Settings.defaults();

    private final ReceiptBook book =
            new ReceiptBook(
                    ACCOUNT,
                    ReceiptBook.emptyBook(),
                    SETTINGS,
                    new DepositDeadline(SETTINGS, WorkingCalendar.china()));

    @Test
    void aDepositNamingReceiptsPaysOnlyThose() {
        book.apply(receipt("R1", 100_000L, MONDAY_0930));
        book.apply(receipt("R2", 100_000L, MONDAY_1600));

        book.apply(deposit("D1", 100_000L, TUESDAY_1000, "R2"));

        assertThat(book.book().getOpen())
                .extracting(OpenReceipt::getReceiptNo)
                .containsExactly("R1");
    }

    @Test
    void whatADepositCannotPlaceIsCountedAsUnallocated() {
        book.apply(receipt("R1", 100_000L, MONDAY_0930));

        book.apply(deposit("D1", 250_000L, TUESDAY_1000, "R1"));

        assertThat(book.book().getOpen()).isEmpty();
        assertThat(book.unallocatedFen()).isEqualTo(150_000L);
    }

    @Test
    void aDepositNamingAnUnknownReceiptPaysNothing() {
        book.apply(receipt("R1", 100_000L, MONDAY_0930));

        book.apply(deposit("D1", 100_000L, TUESDAY_1000, "R9"));

        assertThat(book.book().getOpen())
                .extracting(OpenReceipt::getOutstandingFen)
                .containsExactly(100_000L);
        assertThat(book.unallocatedFen()).isEqualTo(100_000L);
    }

    @Test
    void receiptsBankedBeforeTheirWindowOpensNeverReachThePatterns() {
        book.apply(receipt("R1", 100_000L, MONDAY_0930));
        book.apply(deposit("D1", 100_000L, MONDAY_1600));
        book.handOver(WEDNESDAY_1000);

        assertThat(book.events()).isEmpty();
    }

    @Test
    void anUnbankedReceiptIsHandedOverWhenItsLastDayBegins() {
        book.apply(receipt("R1", 100_000L, MONDAY_0930));

        // Three working days: Tuesday to Thursday. Until Thursday begins, the pattern has no part.
        book.handOver(LedgerTestData.at("2025-03-05T23:59"));
        assertThat(book.events()).isEmpty();

        book.handOver(LedgerTestData.at("2025-03-06T00:00"));
        assertThat(book.events()).hasSize(1);
        ReceiptEvent opened = book.events().get(0);
        assertThat(opened.getKind()).isEqualTo(ReceiptEventKind.OPENED);
        assertThat(opened.getReceiptKey()).isEqualTo(ACCOUNT + "#E-R1");
        assertThat(opened.getAt()).isEqualTo(LedgerTestData.at("2025-03-06T00:00"));
    }

    @Test
    void aSecondEntryWithTheSameIdIsIgnored() {
        assertThat(book.apply(receipt("R1", 100_000L, MONDAY_0930))).isTrue();
        assertThat(book.apply(receipt("R1", 100_000L, MONDAY_0930))).isFalse();

        assertThat(book.book().getOpen()).hasSize(1);
        assertThat(book.duplicates()).isEqualTo(1);
    }

    @Test
    void oldestReceiptsGiveWayWhenAnAccountExceedsItsBound() {
        LateDeposit.Settings tight =
                LateDeposit.Settings.of(
                        LateDeposit.SPEC.defaults().with(LateDeposit.MAX_OPEN_RECEIPTS, 10));
        ReceiptBook small =
                new ReceiptBook(
                        ACCOUNT,
                        ReceiptBook.emptyBook(),
                        tight,
                        new DepositDeadline(tight, WorkingCalendar.china()));

        for (int i = 0; i < 12; i++) {
            small.apply(receipt("R" + i, 100L, MONDAY_0930.plusSeconds(i)));
        }

        assertThat(small.book().getOpen()).hasSize(10);
        assertThat(small.book().getOpen().get(0).getReceiptNo()).isEqualTo("R2");
        assertThat(small.abandoned()).isEqualTo(2);
    }
}
