package org.clearwatch.patterns.repeatedpayout;

import java.util.List;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.BankPayout;

/**
 * What a payout made of a beneficiary's payments: the case it raised or updated, and what the rule
 * read. Plain data, turned into an alert by {@link RepeatedPayoutAlerts}.
 *
 * @param rule which rule the payout broke
 * @param kind RAISED for the first breach of the case, UPDATED for each later one
 * @param alertId the case's id, shared by its RAISED and UPDATED
 * @param trigger the payout that broke the rule
 * @param payments the payments the case rests on, in the order they were made
 * @param periods for {@link Rule#YEARLY_LIMIT}, the periods paid in the year; else the one period
 * @param limit for {@link Rule#YEARLY_LIMIT}, the programme's yearly limit; else 1
 * @param overpaidFen what was paid beyond what the rule allows
 */
public record Repeat(
        Rule rule,
        AlertKind kind,
        String alertId,
        BankPayout trigger,
        List<Payment> payments,
        List<String> periods,
        int limit,
        long overpaidFen) {

    /** The two rules of repeated-payout. */
    public enum Rule {
        /** Paid more than once for one programme and period. */
        SAME_PERIOD,
        /** Paid for more periods of one calendar year than the programme allows. */
        YEARLY_LIMIT
    }

    public Repeat {
        payments = List.copyOf(payments);
        periods = List.copyOf(periods);
    }

    /** The calendar year of a yearly-limit case. */
    public int year() {
        return Integer.parseInt(trigger.getPeriod().substring(0, 4));
    }
}
