package org.clearwatch.patterns.model;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.schema.feed.LedgerEntry;

/**
 * The feeds the models read, already timestamped and watermarked, with bad and late records taken
 * out.
 *
 * @param ledger village ledger entries
 * @param calendar the working calendar (statutory holidays and make-up days)
 */
public record ModelInputs(DataStream<LedgerEntry> ledger, WorkingCalendar calendar) {}
