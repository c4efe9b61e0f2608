package org.clearwatch.patterns.payouts;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.clearwatch.patterns.accountholder.AccountHolderMismatch;
import org.clearwatch.patterns.accountholder.HolderBookFunction;
import org.clearwatch.patterns.deceasedbeneficiary.DeathJoinFunction;
import org.clearwatch.patterns.deceasedbeneficiary.DeceasedBeneficiary;
import org.clearwatch.patterns.officialbeneficiary.OfficialBeneficiary;
import org.clearwatch.patterns.officialbeneficiary.RosterJoinFunction;
import org.clearwatch.schema.feed.BankPayout;
import org.clearwatch.schema.ref.DeathRecord;
import org.clearwatch.schema.ref.Official;

/** The joins of the payout models, keyed as their models wire them, in test harnesses. */
public final class PayoutHarnesses {

    private PayoutHarnesses() {}

    /** deceased-beneficiary: payouts by beneficiary, deaths by person. */
    public static PayoutJoinHarness<DeathRecord> deaths(
            DeceasedBeneficiary.Settings settings,
            StateBackend backend,
            OperatorSubtaskState restore)
            throws Exception {
        return PayoutJoinHarness.start(
                new DeathJoinFunction(settings),
                BankPayout::getBeneficiaryId,
                DeathRecord::getPersonId,
                DeathRecord::getRecordedAt,
                backend,
                restore);
    }

    public static PayoutJoinHarness<DeathRecord> deaths(DeceasedBeneficiary.Settings settings)
            throws Exception {
        return deaths(settings, null, null);
    }

    /** official-beneficiary: payouts by beneficiary, the roster by person. */
    public static PayoutJoinHarness<Official> roster(
            OfficialBeneficiary.Settings settings,
            StateBackend backend,
            OperatorSubtaskState restore)
            throws Exception {
        return PayoutJoinHarness.start(
                new RosterJoinFunction(settings),
                BankPayout::getBeneficiaryId,
                Official::getPersonId,
                Official::getRecordedAt,
                backend,
                restore);
    }

    public static PayoutJoinHarness<Official> roster(OfficialBeneficiary.Settings settings)
            throws Exception {
        return roster(settings, null, null);
    }

    /** account-holder-mismatch: payouts by account holder, the roster by person. */
    public static PayoutJoinHarness<Official> holders(
            AccountHolderMismatch.Settings settings,
            StateBackend backend,
            OperatorSubtaskState restore)
            throws Exception {
        return PayoutJoinHarness.start(
                new HolderBookFunction(settings),
                BankPayout::getAccountHolderId,
                Official::getPersonId,
                Official::getRecordedAt,
                backend,
                restore);
    }

    public static PayoutJoinHarness<Official> holders(AccountHolderMismatch.Settings settings)
            throws Exception {
        return holders(settings, null, null);
    }
}
