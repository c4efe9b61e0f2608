package org.clearwatch.patterns.alerting;

import java.util.Set;

/**
 * Masks personal data before it leaves the job: in alerts pushed to phones, in logs, in metric
 * labels. Record ids (entry_id, payout_id, receipt_no) stay readable so an inspector can look the
 * records up; vehicle plates are not personal and stay readable too.
 */
public final class Masking {

    private static final Set<String> COMPOUND_SURNAMES =
            Set.of(
                    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
                    "轩辕", "令狐", "端木", "澹台", "南宫", "西门", "独孤", "钟离", "闻人", "万俟", "申屠");

    private Masking() {}

    /** A national ID number keeps its first 4 and last 4 characters: 1101**********123X. */
    public static String nationalId(String id) {
        return keepEnds(id, 4, 4);
    }

    /** A bank account keeps its last 4 digits: ************5678. */
    public static String account(String account) {
        return keepEnds(account, 0, 4);
    }

    /** A Chinese name keeps the family name: 张**, 欧阳*. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int family = name.length() > 2 && COMPOUND_SURNAMES.contains(name.substring(0, 2)) ? 2 : 1;
        int codePoints = name.codePointCount(0, name.length());
        int familyEnd = name.offsetByCodePoints(0, family);
        return name.substring(0, familyEnd) + "*".repeat(Math.max(1, codePoints - family));
    }

    private static String keepEnds(String value, int head, int tail) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int length = value.length();
        if (length <= head + tail) {
            return "*".repeat(length);
        }
        return value.substring(0, head)
                + "*".repeat(length - head - tail)
                + value.substring(length - tail);
    }
}
