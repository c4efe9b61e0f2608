package org.clearwatch.patterns.alerting;

/** Money is integer fen everywhere; this writes it the way a Chinese ledger does. */
public final class Money {

    private Money() {}

    /** 2000000 fen -> "20,000.00" (yuan, two decimals, thousands separated). */
    public static String yuan(long fen) {
        long abs = Math.abs(fen);
        String text = String.format("%,d.%02d", abs / 100, abs % 100);
        return fen < 0 ? "-" + text : text;
    }
}
