package org.clearwatch.jobs.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads the JSON Lines input of the {@code replay} command: one record a line, {@code {"feed":
 * "ledger", ...the record's fields...}}, with the Avro field names of the feed's record.
 *
 * <p>Bad lines never stop the read: each becomes a {@link LineError} and the next line is read.
 * Only I/O problems throw. Error messages name fields and describe values by kind; they quote a
 * value only where it cannot be personal data (numbers, enum symbols, times and dates), because
 * string fields hold ID numbers, names and account numbers.
 *
 * <p>Instances hold no state between reads and may be shared.
 */
public final class JsonLinesReader {

    /** Local rules, and bare dates in timestamp fields, use China's time zone. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public static final int DEFAULT_MAX_ERRORS_KEPT = 10_000;

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    // Decimals as BigDecimal keep the number as written, for "got 200.50".
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .build();

    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern DUPLICATE =
            Pattern.compile("Duplicate (?:field|Object property) ['\"]([^'\"]{1,80})['\"]");
    private static final Pattern SYMBOL_LIKE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,39}");
    private static final Pattern TIME_LIKE =
            Pattern.compile("[0-9][0-9A-Za-z:+\\-._ /\\[\\]]{0,39}");
    private static final Pattern PERIOD_LIKE = Pattern.compile("[0-9\\-/. ]{1,10}");
    // Eleven digits in a row is a phone number, more is an ID or account number: never echo.
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{11,}");

    // Names people commonly write for a field, too far from it to be caught as typos.
    private static final Map<String, String> ALIASES =
            Map.of(
                    "lng", "lon",
                    "long", "lon",
                    "longitude", "lon",
                    "latitude", "lat",
                    "speed", "speed_kmh",
                    "amount", "amount_fen");

    // Last: building the parsers may use any constant above.
    private static final Map<InputFeed, FeedParser> PARSERS = feedParsers();

    private final int maxErrorsKept;

    public JsonLinesReader() {
        this(DEFAULT_MAX_ERRORS_KEPT);
    }

    /**
     * @param maxErrorsKept how many {@link LineError}s a read keeps; all are still counted
     */
    public JsonLinesReader(int maxErrorsKept) {
        if (maxErrorsKept < 0) {
            throw new IllegalArgumentException("maxErrorsKept must not be negative");
        }
        this.maxErrorsKept = maxErrorsKept;
    }

    /** Reads the files in the order given, as if they were one file. */
    public ReplayInput read(Path... files) throws IOException {
        return read(Arrays.asList(files));
    }

    /**
     * Reads the files in the order given, as if they were one file.
     *
     * @throws IOException with a one-sentence message naming the file, when a file is missing,
     *     unreadable or fails while being read; never for bad content
     */
    public ReplayInput read(List<Path> files) throws IOException {
        ReplayInput.Builder out = new ReplayInput.Builder(maxErrorsKept);
        for (Path file : files) {
            String name = file.toString();
            try (BufferedReader in = open(file)) {
                readLines(name, in, out);
            }
        }
        return out.build();
    }

    /**
     * Reads one stream, e.g. standard input.
     *
     * @param sourceName how error messages name the source
     */
    public ReplayInput read(String sourceName, Reader reader) throws IOException {
        ReplayInput.Builder out = new ReplayInput.Builder(maxErrorsKept);
        BufferedReader in =
                reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        readLines(sourceName, in, out);
        return out.build();
    }

    private static BufferedReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("Input file " + file + " is a directory, not a JSON Lines file.");
        }
        InputStream stream;
        try {
            stream = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("Input file " + file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new IOException("Input file " + file + " cannot be read: permission denied.", e);
        } catch (IOException e) {
            throw new IOException("Input file " + file + " cannot be opened: " + e + ".", e);
        }
        // Replacing malformed bytes (rather than failing the stream) lets one badly encoded line
        // become a LineError while the rest of the file is still read.
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void readLines(String name, BufferedReader in, ReplayInput.Builder out)
            throws IOException {
        long lineNo = 0;
        String line;
        while (true) {
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new IOException(
                        "Reading input file " + name + " failed after line " + lineNo + ": " + e,
                        e);
            }
            if (line == null) {
                return;
            }
            lineNo++;
            out.lineRead();
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                // Editors on Windows start UTF-8 files with a byte order mark.
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String problem = parseLine(line, out);
            if (problem != null) {
                out.error(new LineError(name, lineNo, problem));
            }
        }
    }

    /** Adds the line's record to {@code out}, or returns why it cannot. */
    private static String parseLine(String line, ReplayInput.Builder out) {
        if (line.indexOf('\uFFFD') >= 0) {
            return "the line is not valid UTF-8 text (is the file in another encoding, such as"
                    + " GBK?)";
        }
        JsonNode root;
        try {
            root = parseObject(line);
        } catch (LineProblem e) {
            return e.getMessage();
        }

        JsonNode feedNode = root.get("feed");
        if (feedNode == null || feedNode.isNull()) {
            return "field \"feed\" is missing; it names the record's feed, one of "
                    + InputFeed.wireNames();
        }
        if (!feedNode.isTextual()) {
            return "field \"feed\" must be a string, one of "
                    + InputFeed.wireNames()
                    + ", got "
                    + kindOf(feedNode);
        }
        Optional<InputFeed> feed = InputFeed.byWireName(feedNode.textValue());
        if (feed.isEmpty()) {
            return unknownFeed(feedNode.textValue());
        }
        FeedParser parser = PARSERS.get(feed.get());

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String key = property.getKey();
            if (!key.equals("feed") && !parser.fieldsByName.containsKey(key)) {
                problems.add(parser.unknownField(key));
            }
        }
        int unknownFields = problems.size();
        List<String> missing = new ArrayList<>();
        SpecificRecordBase record = feed.get().newRecord();
        for (FieldSpec field : parser.fields) {
            JsonNode value = root.get(field.name());
            if (value == null || value.isNull()) {
                // The generated no-argument constructor already leaves nullable fields null.
                if (field.nullable()) {
                    continue;
                }
                if (value == null) {
                    missing.add(field.name());
                } else {
                    problems.add(quoted(field.name()) + " must not be null");
                }
                continue;
            }
            Object converted = field.converter().convert(value, field.name(), problems);
            if (converted != null) {
                record.put(field.pos(), converted);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(unknownFields, missingFields(missing));
        }
        if (problems.isEmpty()) {
            parser.checkRecord(record, problems);
        }
        if (!problems.isEmpty()) {
            return String.join("; ", problems);
        }
        out.record(feed.get(), record, (Instant) record.get(parser.eventTimePos));
        return null;
    }

    private static String missingFields(List<String> names) {
        if (names.size() == 1) {
            return quoted(names.get(0)) + " is missing";
        }
        List<String> quotedNames = names.stream().map(n -> "\"" + n + "\"").toList();
        return "fields "
                + String.join(", ", quotedNames.subList(0, quotedNames.size() - 1))
                + " and "
                + quotedNames.get(quotedNames.size() - 1)
                + " are missing";
    }

    private static JsonNode parseObject(String line) throws LineProblem {
        boolean objectRead = false;
        try (JsonParser parser = MAPPER.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new LineProblem(
                        "the line must be one JSON object like {\"feed\": \"ledger\", ...}, got "
                                + tokenKind(first));
            }
            JsonNode root = MAPPER.readTree(parser);
            objectRead = true;
            if (parser.nextToken() != null) {
                throw new LineProblem(
                        "there is more text after the JSON object, at column "
                                + parser.currentTokenLocation().getColumnNr());
            }
            return root;
        } catch (StreamReadException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            if (objectRead) {
                throw new LineProblem(
                        "there is more text after the JSON object, at column " + column);
            }
            // Jackson's own messages quote the offending text, which may be personal data.
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw new LineProblem(quoted(duplicate.group(1)) + " appears more than once");
            }
            if (e instanceof JsonEOFException) {
                throw new LineProblem("not valid JSON: the line ends before the object is closed");
            }
            throw new LineProblem("not valid JSON: syntax error at column " + column);
        } catch (IOException e) {
            throw new LineProblem("not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String unknownFeed(String value) {
        StringBuilder message = new StringBuilder("unknown feed");
        if (SYMBOL_LIKE.matcher(value).matches()) {
            message.append(" \"").append(value).append('"');
        }
        message.append("; expected one of ").append(InputFeed.wireNames());
        List<String> names = Arrays.stream(InputFeed.values()).map(InputFeed::wireName).toList();
        closest(value, names).ifPresent(s -> message.append(" (did you mean \"" + s + "\"?)"));
        return message.toString();
    }

    // ---- timestamps and dates -------------------------------------------------------------

    /**
     * Parses a timestamp field: ISO-8601 with an offset, or a bare date meaning the start of that
     * day in Asia/Shanghai. Precision beyond milliseconds is dropped, as Avro's timestamp-millis
     * would drop it on the wire.
     *
     * @throws IllegalArgumentException with the reason, phrased to follow the value
     */
    static Instant parseTimestamp(String text) {
        Instant common = parseCommonTimestamp(text);
        if (common != null) {
            return common;
        }
        if (DATE_ONLY.matcher(text).matches()) {
            return parseDate(text).atStartOfDay(SHANGHAI).toInstant();
        }
        ZonedDateTime time;
        try {
            // Also takes the offset-and-region form ZonedDateTime.toString() writes.
            time = ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME);
        } catch (DateTimeParseException e) {
            if (isLocalDateTime(text)) {
                throw new IllegalArgumentException(
                        "which has no UTC offset and so is ambiguous; write e.g."
                                + " 2025-10-01T21:14:00+08:00");
            }
            throw new IllegalArgumentException(
                    "which is not an ISO-8601 time with an offset (e.g."
                            + " 2025-10-01T21:14:00+08:00) or a date (e.g. 2025-10-01)");
        }
        checkYear(time.getYear());
        return time.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * {@code 2025-10-01T21:14:00+08:00} or {@code 2025-10-01T13:14:00Z}, the shape of nearly every
     * line, without the general formatter that costs more than the rest of the line; null for
     * anything else, which then takes the general path and its error messages.
     */
    private static Instant parseCommonTimestamp(String text) {
        int length = text.length();
        if ((length != 20 && length != 25)
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int offsetSeconds;
        if (length == 20) {
            if (text.charAt(19) != 'Z') {
                return null;
            }
            offsetSeconds = 0;
        } else {
            char sign = text.charAt(19);
            int hours = digits(text, 20, 2);
            int minutes = digits(text, 23, 2);
            if ((sign != '+' && sign != '-')
                    || text.charAt(22) != ':'
                    || hours < 0
                    || minutes < 0) {
                return null;
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 1 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[start, start + count)}, or -1 if not all digits. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Parses a date field, {@code 2025-10-01}.
     *
     * @throws IllegalArgumentException with the reason, phrased to follow the value
     */
    static LocalDate parseDate(String text) {
        if (!DATE_ONLY.matcher(text).matches()) {
            throw new IllegalArgumentException("which is not a date written like 2025-10-01");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("which is not a day of the calendar");
        }
        checkYear(date.getYear());
        return date;
    }

    private static boolean isLocalDateTime(String text) {
        try {
            LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void checkYear(int year) {
        // Also keeps epoch milliseconds and epoch days far from overflow.
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("whose year is outside 1 to 9999");
        }
    }

    // ---- converters -------------------------------------------------------------------------

    /** Turns a non-null JSON value into the Avro field's Java value, or adds a problem. */
    @FunctionalInterface
    private interface Converter {
        Object convert(JsonNode value, String field, List<String> problems);
    }

    private static Object string(JsonNode value, String field, List<String> problems) {
        if (value.isTextual()) {
            return value.textValue();
        }
        problems.add(quoted(field) + " must be a string, got " + kindOf(value));
        return null;
    }

    private static Object period(JsonNode value, String field, List<String> problems) {
        if (value.isTextual() && PERIOD.matcher(value.textValue()).matches()) {
            return value.textValue();
        }
        problems.add(
                quoted(field)
                        + " must be a month written YYYY-MM, e.g. 2025-10, got "
                        + echo(value, PERIOD_LIKE));
        return null;
    }

    private static Object timestamp(JsonNode value, String field, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(
                    quoted(field)
                            + " must be a time with an offset (e.g. 2025-10-01T21:14:00+08:00)"
                            + " or a date (e.g. 2025-10-01), got "
                            + shown(value));
            return null;
        }
        try {
            return parseTimestamp(value.textValue());
        } catch (IllegalArgumentException | DateTimeException e) {
            problems.add(quoted(field) + " is " + echo(value, TIME_LIKE) + ", " + e.getMessage());
            return null;
        }
    }

    private static Object date(JsonNode value, String field, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(
                    quoted(field) + " must be a date written like 2025-10-01, got " + shown(value));
            return null;
        }
        try {
            return parseDate(value.textValue());
        } catch (IllegalArgumentException | DateTimeException e) {
            problems.add(quoted(field) + " is " + echo(value, TIME_LIKE) + ", " + e.getMessage());
            return null;
        }
    }

    private static Object amount(JsonNode value, String field, List<String> problems) {
        Long fen = wholeNumber(value, field, "a whole number of fen", Long.MIN_VALUE, problems);
        if (fen != null && fen < 0) {
            problems.add(quoted(field) + " must not be negative, got " + fen);
            return null;
        }
        return fen;
    }

    private static Object wholeLong(JsonNode value, String field, List<String> problems) {
        return wholeNumber(value, field, "a whole number", Long.MIN_VALUE, problems);
    }

    private static Object wholeInt(JsonNode value, String field, List<String> problems) {
        Long number = wholeNumber(value, field, "a whole number", Integer.MIN_VALUE, problems);
        if (number == null) {
            return null;
        }
        if (number > Integer.MAX_VALUE) {
            problems.add(
                    quoted(field) + " must be at most " + Integer.MAX_VALUE + ", got " + number);
            return null;
        }
        return number.intValue();
    }

    private static Long wholeNumber(
            JsonNode value, String field, String expected, long min, List<String> problems) {
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= min) {
            return value.longValue();
        }
        String got = shown(value);
        if (value.isIntegralNumber()) {
            got += ", which is out of range";
        }
        problems.add(quoted(field) + " must be " + expected + ", got " + got);
        return null;
    }

    private static Converter decimal(double min, double max, String range) {
        return (value, field, problems) -> {
            if (!value.isNumber()) {
                problems.add(quoted(field) + " must be a number, got " + kindOf(value));
                return null;
            }
            double number = value.doubleValue();
            if (!Double.isFinite(number) || number < min || number > max) {
                problems.add(quoted(field) + " must be " + range + ", got " + shown(value));
                return null;
            }
            return number;
        };
    }

    private static Object bool(JsonNode value, String field, List<String> problems) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        problems.add(quoted(field) + " must be true or false, got " + kindOf(value));
        return null;
    }

    private static Object stringArray(JsonNode value, String field, List<String> problems) {
        if (!value.isArray()) {
            problems.add(quoted(field) + " must be an array of strings, got " + kindOf(value));
            return null;
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                problems.add(
                        quoted(field)
                                + " must be an array of strings, but item "
                                + (i + 1)
                                + " is "
                                + kindOf(item));
                return null;
            }
            items.add(item.textValue());
        }
        return items;
    }

    private static Converter enumeration(Class<?> recordClass, Schema schema) {
        Class<?> enumClass = new SpecificData(recordClass.getClassLoader()).getClass(schema);
        if (enumClass == null || !enumClass.isEnum()) {
            throw new IllegalStateException("No generated enum class for " + schema.getFullName());
        }
        Map<String, Object> bySymbol = new HashMap<>();
        for (Object constant : enumClass.getEnumConstants()) {
            bySymbol.put(((Enum<?>) constant).name(), constant);
        }
        List<String> symbols = schema.getEnumSymbols();
        String accepted =
                symbols.size() == 1
                        ? symbols.get(0)
                        : String.join(", ", symbols.subList(0, symbols.size() - 1))
                                + " or "
                                + symbols.get(symbols.size() - 1);
        return (value, field, problems) -> {
            Object constant = value.isTextual() ? bySymbol.get(value.textValue()) : null;
            if (constant == null) {
                problems.add(
                        quoted(field)
                                + " must be one of "
                                + accepted
                                + " (case-sensitive), got "
                                + echo(value, SYMBOL_LIKE));
            }
            return constant;
        };
    }

    // ---- describing values without leaking them ---------------------------------------------

    private static String quoted(String field) {
        return "field \"" + displayName(field) + "\"";
    }

    /** Field names come from the input too: keep them short and printable. */
    private static String displayName(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 41));
        name.codePoints()
                .limit(40)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == '"' ? '?' : c));
        if (name.codePointCount(0, name.length()) > 40) {
            out.append('…');
        }
        return out.toString();
    }

    private static String kindOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** For fields that are not strings: numbers are shown as written, other kinds by name. */
    private static String shown(JsonNode value) {
        if (value.isNumber()) {
            String text = value.isBigDecimal() ? value.decimalValue().toString() : value.asText();
            return text.length() <= 30 ? text : "a number of " + text.length() + " characters";
        }
        return kindOf(value);
    }

    /** Quotes a string value only when it has the harmless shape of the field's values. */
    private static String echo(JsonNode value, Pattern harmless) {
        if (!value.isTextual()) {
            return shown(value);
        }
        String text = value.textValue();
        if (harmless.matcher(text).matches() && !LONG_DIGIT_RUN.matcher(text).find()) {
            return "\"" + text + "\"";
        }
        return "a string of " + text.codePointCount(0, text.length()) + " characters";
    }

    // ---- near misses ------------------------------------------------------------------------

    /**
     * The known name a mistyped one most likely meant: same words in another case style, a missing
     * or extra word (amount → amount_fen), or a few typed letters off.
     */
    static Optional<String> closest(String unknown, List<String> known) {
        String wanted = normalize(unknown);
        String alias = ALIASES.get(wanted);
        if (alias != null && known.contains(alias)) {
            return Optional.of(alias);
        }
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : known) {
            int score =
                    Math.min(
                            similarity(wanted, normalize(candidate)),
                            // "death" or "deaths" for the feed "ref.death".
                            similarity(
                                    wanted,
                                    normalize(
                                            candidate.substring(candidate.lastIndexOf('.') + 1))));
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** 0 for the same name, small for a near miss, {@code MAX_VALUE} for no likeness. */
    private static int similarity(String wanted, String name) {
        if (name.equals(wanted)) {
            return 0;
        }
        if (name.startsWith(wanted + "_")
                || wanted.startsWith(name + "_")
                || name.endsWith("_" + wanted)) {
            return 2;
        }
        int distance = editDistance(wanted, name);
        int longer = Math.max(wanted.length(), name.length());
        int allowed = longer >= 8 ? 3 : longer >= 5 ? 2 : 1;
        return distance <= allowed ? distance : Integer.MAX_VALUE;
    }

    private static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (c == '-' || c == ' ') {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, swaps. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    // ---- per-feed field tables, derived from the Avro schemas -----------------------------

    private record FieldSpec(String name, int pos, boolean nullable, Converter converter) {}

    private static final class FeedParser {
        private final InputFeed feed;
        private final List<FieldSpec> fields;
        private final Map<String, FieldSpec> fieldsByName;
        private final List<String> fieldNames;
        private final int eventTimePos;

        FeedParser(InputFeed feed) {
            this.feed = feed;
            Schema schema = feed.schema();
            List<FieldSpec> specs = new ArrayList<>();
            Map<String, FieldSpec> byName = new LinkedHashMap<>();
            for (Schema.Field field : schema.getFields()) {
                FieldSpec spec = fieldSpec(feed, field);
                specs.add(spec);
                byName.put(spec.name(), spec);
            }
            this.fields = List.copyOf(specs);
            this.fieldsByName = Collections.unmodifiableMap(byName);
            this.fieldNames = List.copyOf(byName.keySet());
            Schema.Field eventTime =
                    Objects.requireNonNull(
                            schema.getField(feed.eventTimeField()),
                            () -> schema.getName() + " has no field " + feed.eventTimeField());
            this.eventTimePos = eventTime.pos();
        }

        String unknownField(String key) {
            String start = "unknown " + quoted(key) + " in a " + feed.wireName() + " record";
            return closest(key, fieldNames)
                    .map(known -> start + " (did you mean \"" + known + "\"?)")
                    .orElseGet(() -> start + ", whose fields are " + String.join(", ", fieldNames));
        }

        /** Rules across fields, once every field has parsed. */
        void checkRecord(SpecificRecordBase record, List<String> problems) {
            switch (feed) {
                case DISPATCH -> {
                    Instant from = (Instant) record.get("approved_from");
                    Instant to = (Instant) record.get("approved_to");
                    if (to.isBefore(from)) {
                        problems.add("field \"approved_to\" is before \"approved_from\"");
                    }
                }
                case OFFICIAL -> {
                    LocalDate from = (LocalDate) record.get("valid_from");
                    LocalDate to = (LocalDate) record.get("valid_to");
                    if (to != null && to.isBefore(from)) {
                        problems.add("field \"valid_to\" is before \"valid_from\"");
                    }
                }
                default -> {}
            }
        }
    }

    private static Map<InputFeed, FeedParser> feedParsers() {
        Map<InputFeed, FeedParser> parsers = new EnumMap<>(InputFeed.class);
        for (InputFeed feed : InputFeed.values()) {
            parsers.put(feed, new FeedParser(feed));
        }
        return Collections.unmodifiableMap(parsers);
    }

    private static FieldSpec fieldSpec(InputFeed feed, Schema.Field field) {
        Schema schema = field.schema();
        boolean nullable = false;
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> others =
                    schema.getTypes().stream()
                            .filter(s -> s.getType() != Schema.Type.NULL)
                            .toList();
            if (others.size() != 1 || schema.getTypes().size() != 2) {
                throw new IllegalStateException(
                        "Unsupported union in " + feed.wireName() + "." + field.name());
            }
            nullable = true;
            schema = others.get(0);
        }
        return new FieldSpec(field.name(), field.pos(), nullable, converter(feed, field, schema));
    }

    private static Converter converter(InputFeed feed, Schema.Field field, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return JsonLinesReader::timestamp;
        }
        if (logical instanceof LogicalTypes.Date) {
            return JsonLinesReader::date;
        }
        if (logical != null) {
            throw new IllegalStateException(
                    "Unsupported logical type " + logical.getName() + " in " + field.name());
        }
        String name = field.name();
        return switch (schema.getType()) {
            case STRING ->
                    name.equals("period") ? JsonLinesReader::period : JsonLinesReader::string;
            case LONG ->
                    name.equals("amount_fen")
                            ? JsonLinesReader::amount
                            : JsonLinesReader::wholeLong;
            case INT -> JsonLinesReader::wholeInt;
            case DOUBLE ->
                    switch (name) {
                        case "lat" -> decimal(-90, 90, "a latitude from -90 to 90");
                        case "lon" -> decimal(-180, 180, "a longitude from -180 to 180");
                        case "speed_kmh" -> decimal(0, Double.MAX_VALUE, "a speed of 0 or more");
                        default -> decimal(-Double.MAX_VALUE, Double.MAX_VALUE, "a finite number");
                    };
            case BOOLEAN -> JsonLinesReader::bool;
            case ENUM -> enumeration(feed.recordClass(), schema);
            case ARRAY -> {
                if (schema.getElementType().getType() != Schema.Type.STRING) {
                    throw new IllegalStateException("Unsupported array in " + name);
                }
                yield JsonLinesReader::stringArray;
            }
            default ->
                    throw new IllegalStateException(
                            "Unsupported type "
                                    + schema.getType()
                                    + " in "
                                    + feed.wireName()
                                    + "."
                                    + name);
        };
    }

    private static String tokenKind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }

    /** A line-level problem found while parsing, before any record exists. */
    private static final class LineProblem extends Exception {
        LineProblem(String message) {
            super(message, null, false, false);
        }
    }
}
