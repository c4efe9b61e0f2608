package org.clearwatch.notifier.channels;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A last guard before text leaves for a phone: alerts are masked by the job already, but a long run
 * of digits that looks like a national ID (18 characters) or a bank account (15 to 19 digits) is
 * masked here again, keeping its first 4 and last 4 characters. Division codes (9 and 12 digits)
 * and record ids stay readable.
 */
public final class Redact {

    private static final Pattern LONG_NUMBER =
            Pattern.compile("(?<![0-9A-Za-z])[0-9]{14,18}[0-9Xx](?![0-9A-Za-z])");

    private Redact() {}

    public static String text(String value) {
        if (value == null) {
            return "";
        }
        Matcher m = LONG_NUMBER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String n = m.group();
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            n.substring(0, 4)
                                    + "*".repeat(n.length() - 8)
                                    + n.substring(n.length() - 4)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
