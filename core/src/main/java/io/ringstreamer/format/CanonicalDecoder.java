package io.ringstreamer.format;

import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.format.internal.JsonScanner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the canonical envelope {@code {"timestamp": T, "service": S, "symbols": {SYM: ENTRY, ...}}}
 * in place. {@link #wrap} validates the whole message (so a message that cannot be parsed is rejected
 * before any of its entries is used), indexes each symbol's entry and parses each number of an entry
 * once; nothing is allocated once the entry index has grown to the largest message seen, except for a
 * number whose digits exceed 2^53 (about 16 significant digits) or whose power of ten is beyond 22 either
 * way, which {@link JsonScanner#parseNumber} hands to {@link Double#parseDouble} (not seen in market data).
 *
 * <p>Field order is free and unknown top-level fields are ignored. A top-level field given twice, or
 * a field given twice inside one entry (names compared as raw bytes), rejects the message: which value
 * counts would be a guess. A symbol key is compared as raw bytes, so symbols are expected in plain ASCII
 * without escapes, as every feed sends them.
 *
 * <p>Owned by one thread; valid until the next {@link #wrap}.
 *
 * @see <a href="https://github.com/ring-streamer/ring-streamer/blob/main/docs/formats/canonical.md">The canonical format</a>
 */
public final class CanonicalDecoder
{
    static final String NOT_AN_OBJECT = "message is not a JSON object";
    static final String TRAILING = "unexpected bytes after the message";
    static final String EMPTY = "empty message";
    static final String MISSING_SERVICE = "missing field: service";
    static final String MISSING_SYMBOLS = "missing field: symbols";
    static final String MISSING_TIMESTAMP = "missing field: timestamp";
    static final String BAD_TIMESTAMP = "timestamp is not an integer";
    static final String BAD_SERVICE = "service is not a string";
    static final String UNKNOWN_SERVICE = "unknown service";
    static final String BAD_SYMBOLS = "symbols is not an object";
    static final String DUPLICATE_FIELD = "duplicate top-level field";
    static final String DUPLICATE_ENTRY_FIELD = "duplicate field in an entry";
    static final String INDEX_FULL = "more entries or fields than this decoder's fixed index holds";

    private static final byte[] TIMESTAMP = "timestamp".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVICE = "service".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SYMBOLS = "symbols".getBytes(StandardCharsets.US_ASCII);

    private final JsonScanner scanner = new JsonScanner();
    private byte[] buffer;
    private long timestamp;
    private Service service;
    private String errorReason;
    private int errorPosition;

    // Entry index, 6 ints per entry: key start, key length, value start, value end, first field, field count
    // (-1 if the value is not an object). Field tape, 5 ints per field: name start, name length, value
    // start, value end, number kind; and for a number its value as a double and, if whole, as a long.
    // All filled by the one validating pass, so entries are never scanned again and each number is
    // parsed once, where it is validated.
    static final int ENTRY_INTS = 6;
    static final int FIELD_INTS = 5;
    static final int NOT_A_NUMBER = 0;
    static final int NUMBER = 1;
    static final int WHOLE_NUMBER = 2;
    /** Entries with up to this many fields are checked for a repeated name pairwise; larger ones by hashing. */
    private static final int SMALL_ENTRY = 12;
    private int[] entries;
    private int entryCount;
    int[] fields;
    double[] doubles;
    long[] longs;
    private int fieldCount;
    private int[] nameTable = new int[64];
    /** Whether the index keeps its size: a message that needs more fails to wrap, with {@link #indexFull()}. */
    private final boolean fixed;
    private boolean indexFull;

    /** A decoder with an empty entry index, which grows to the largest message seen; for one thread. */
    public CanonicalDecoder()
    {
        this.fixed = false;
        this.entries = new int[ENTRY_INTS * 16];
        this.fields = new int[FIELD_INTS * 128];
        this.doubles = new double[128];
        this.longs = new long[128];
    }

    /**
     * A decoder whose index never grows: it holds at most {@code maxEntries} symbol entries and
     * {@code maxFields} fields in all, allocated here. {@link #wrap} of a message that needs more returns
     * {@code false} with {@link #indexFull()} set; the message itself may be valid, and a growing decoder
     * reads it. The pipeline keeps one in each inbound slot when messages are decoded once for all shards.
     *
     * @throws IllegalArgumentException if either bound is below 1.
     */
    public CanonicalDecoder(final int maxEntries, final int maxFields)
    {
        if (maxEntries < 1 || maxFields < 1)
        {
            throw new IllegalArgumentException("a fixed index holds at least one entry and one field: " + maxEntries +
                " entries, " + maxFields + " fields");
        }
        this.fixed = true;
        this.entries = new int[ENTRY_INTS * maxEntries];
        this.fields = new int[FIELD_INTS * maxFields];
        this.doubles = new double[maxFields];
        this.longs = new long[maxFields]; // the name table, for entries of over 12 fields, grows as it does in any decoder
    }

    /**
     * Validates the message in {@code buffer[offset, offset + length)} and indexes its entries, in one
     * pass.
     *
     * @return {@code true} if the message is a valid canonical envelope; otherwise see
     * {@link #errorReason()} and {@link #errorPosition()}.
     */
    public boolean wrap(final byte[] buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.service = null;
        this.timestamp = 0;
        this.entryCount = 0;
        this.fieldCount = 0;
        this.errorReason = null;
        this.errorPosition = -1;
        this.indexFull = false;
        final int end = offset + length;
        final JsonScanner scanner = this.scanner.wrap(buffer, end);

        int i = scanner.skipWhitespace(offset);
        if (i >= end)
        {
            return fail(EMPTY, offset);
        }
        if (buffer[i] != '{')
        {
            return fail(NOT_AN_OBJECT, i);
        }
        boolean seenTimestamp = false;
        boolean seenService = false;
        boolean seenSymbols = false;
        i = scanner.skipWhitespace(i + 1);
        if (scanner.at(i, '}'))
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (!scanner.at(i, '"'))
                {
                    return fail(i >= end ? JsonScanner.TRUNCATED : JsonScanner.UNEXPECTED, i);
                }
                final int keyStart = i + 1;
                i = scanner.skipString(i);
                if (i < 0)
                {
                    return scannerError();
                }
                final int keyLength = i - 1 - keyStart;
                i = scanner.skipWhitespace(i);
                if (!scanner.at(i, ':'))
                {
                    return fail(i >= end ? JsonScanner.TRUNCATED : JsonScanner.UNEXPECTED, i);
                }
                i = scanner.skipWhitespace(i + 1);
                if (i >= end)
                {
                    return fail(JsonScanner.TRUNCATED, i);
                }
                if (Ascii.equals(TIMESTAMP, buffer, keyStart, keyLength))
                {
                    if (seenTimestamp)
                    {
                        return fail(DUPLICATE_FIELD, keyStart);
                    }
                    seenTimestamp = true;
                    final byte first = buffer[i];
                    if (first != '-' && (first < '0' || first > '9'))
                    {
                        return fail(BAD_TIMESTAMP, i);
                    }
                    i = scanner.parseNumber(i);
                    if (i < 0)
                    {
                        return scannerError();
                    }
                    if (!scanner.isLongExact())
                    {
                        return fail(BAD_TIMESTAMP, keyStart);
                    }
                    timestamp = scanner.longValue();
                }
                else if (Ascii.equals(SERVICE, buffer, keyStart, keyLength))
                {
                    if (seenService)
                    {
                        return fail(DUPLICATE_FIELD, keyStart);
                    }
                    seenService = true;
                    if (buffer[i] != '"')
                    {
                        return fail(BAD_SERVICE, i);
                    }
                    final int valueEnd = scanner.skipString(i);
                    if (valueEnd < 0)
                    {
                        return scannerError();
                    }
                    service = Service.lookup(buffer, i + 1, valueEnd - i - 2);
                    if (service == null)
                    {
                        return fail(UNKNOWN_SERVICE, i);
                    }
                    i = valueEnd;
                }
                else if (Ascii.equals(SYMBOLS, buffer, keyStart, keyLength))
                {
                    if (seenSymbols)
                    {
                        return fail(DUPLICATE_FIELD, keyStart);
                    }
                    seenSymbols = true;
                    if (buffer[i] != '{')
                    {
                        return fail(BAD_SYMBOLS, i);
                    }
                    i = indexObject(i, true);
                }
                else
                {
                    i = scanner.skipValue(i);
                }
                if (i < 0)
                {
                    return scannerError();
                }
                i = scanner.skipWhitespace(i);
                if (scanner.at(i, ','))
                {
                    i = scanner.skipWhitespace(i + 1);
                }
                else if (scanner.at(i, '}'))
                {
                    i++;
                    break;
                }
                else
                {
                    return fail(i >= end ? JsonScanner.TRUNCATED : JsonScanner.UNEXPECTED, i);
                }
            }
        }
        final int trailing = scanner.skipWhitespace(i);
        if (trailing != end)
        {
            return fail(TRAILING, trailing);
        }
        if (!seenService)
        {
            return fail(MISSING_SERVICE, offset);
        }
        if (!seenSymbols)
        {
            return fail(MISSING_SYMBOLS, offset);
        }
        if (!seenTimestamp)
        {
            return fail(MISSING_TIMESTAMP, offset);
        }
        return true;
    }

    /**
     * Validates an object and indexes its members: the {@code symbols} object's members as entries
     * (each entry object's own members as its fields), or an entry object's members as fields.
     *
     * @return the position just past the object, or negative.
     */
    private int indexObject(final int objectStart, final boolean symbols)
    {
        final JsonScanner scanner = this.scanner;
        final int end = scanner.end();
        int i = scanner.skipWhitespace(objectStart + 1);
        if (scanner.at(i, '}'))
        {
            return i + 1;
        }
        while (true)
        {
            if (!scanner.at(i, '"'))
            {
                return scannerFail(i >= end ? JsonScanner.TRUNCATED : JsonScanner.UNEXPECTED, i);
            }
            final int keyStart = i + 1;
            i = scanner.skipString(i);
            if (i < 0)
            {
                return i;
            }
            final int keyLength = i - 1 - keyStart;
            i = scanner.skipWhitespace(i);
            if (!scanner.at(i, ':'))
            {
                return scannerFail(i >= end ? JsonScanner.TRUNCATED : JsonScanner.UNEXPECTED, i);
            }
            final int valueStart = scanner.skipWhitespace(i + 1);
            if (symbols)
            {
                final int firstField = fieldCount;
                final boolean isObject = scanner.at(valueStart, '{');
                i = isObject ? indexObject(valueStart, false) : scanner.skipValue(valueStart, 1);
                if (i < 0)
                {
                    return i;
                }
                final int duplicate = isObject ? duplicateField(firstField, fieldCount - firstField) : -1;
                if (duplicate >= 0)
                {
                    return scannerFail(DUPLICATE_ENTRY_FIELD, fields[duplicate * FIELD_INTS]);
                }
                if (!addEntry(keyStart, keyLength, valueStart, i, firstField, isObject ? fieldCount - firstField : -1))
                {
                    return full(keyStart);
                }
            }
            else if (valueStart < end && isNumberStart(scanner.buffer()[valueStart]))
            {
                i = scanner.parseNumber(valueStart);
                if (i < 0)
                {
                    return i;
                }
                if (!addField(keyStart, keyLength, valueStart, i, scanner.isLongExact() ? WHOLE_NUMBER : NUMBER))
                {
                    return full(keyStart);
                }
                doubles[fieldCount - 1] = scanner.numberValue();
                longs[fieldCount - 1] = scanner.longValue();
            }
            else
            {
                i = scanner.skipValue(valueStart, 2);
                if (i < 0)
                {
                    return i;
                }
                if (!addField(keyStart, keyLength, valueStart, i, NOT_A_NUMBER))
                {
                    return full(keyStart);
                }
            }
            i = scanner.skipWhitespace(i);
            if (scanner.at(i, ','))
            {
                i = scanner.skipWhitespace(i + 1);
            }
            else if (scanner.at(i, '}'))
            {
                return i + 1;
            }
            else
            {
                return scannerFail(i >= end ? JsonScanner.TRUNCATED : JsonScanner.UNEXPECTED, i);
            }
        }
    }

    /**
     * Looks for a field name that repeats an earlier one among fields {@code [first, first + count)}, names
     * compared as raw bytes: pairwise for the few fields of a market-data entry, through an open-addressing
     * table of field numbers (grown once, cleared per entry) beyond that, so a hostile entry of thousands
     * of fields costs linear time.
     *
     * @return the field number of the first repeat, or -1.
     */
    private int duplicateField(final int first, final int count)
    {
        final int end = first + count;
        if (count <= SMALL_ENTRY)
        {
            for (int f = first + 1; f < end; f++)
            {
                for (int g = first; g < f; g++)
                {
                    if (sameName(f, g))
                    {
                        return f;
                    }
                }
            }
            return -1;
        }
        final int size = Integer.highestOneBit(count) << 2; // at most half full
        if (size > nameTable.length)
        {
            nameTable = new int[size];
        }
        final int[] table = nameTable;
        final int mask = size - 1;
        Arrays.fill(table, 0, size, -1);
        for (int f = first; f < end; f++)
        {
            int slot = nameHash(f) & mask;
            for (int other = table[slot]; other >= 0; other = table[slot])
            {
                if (sameName(f, other))
                {
                    return f;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = f;
        }
        return -1;
    }

    private boolean sameName(final int f, final int g)
    {
        final int[] fields = this.fields;
        final int length = fields[f * FIELD_INTS + 1];
        return length == fields[g * FIELD_INTS + 1] &&
            Arrays.equals(buffer, fields[f * FIELD_INTS], fields[f * FIELD_INTS] + length,
                buffer, fields[g * FIELD_INTS], fields[g * FIELD_INTS] + length);
    }

    private int nameHash(final int f)
    {
        final int start = fields[f * FIELD_INTS];
        final int end = start + fields[f * FIELD_INTS + 1];
        int hash = 0;
        for (int i = start; i < end; i++)
        {
            hash = hash * 31 + buffer[i];
        }
        return (hash * 0x9E3779B9) >>> 7;
    }

    private static boolean isNumberStart(final byte first)
    {
        return first == '-' || (first >= '0' && first <= '9');
    }

    /** @return {@code false} if a fixed index is full. */
    private boolean addField(final int nameStart, final int nameLength, final int valueStart, final int valueEnd,
                             final int numberKind)
    {
        final int base = fieldCount * FIELD_INTS;
        if (base + FIELD_INTS > fields.length)
        {
            if (fixed)
            {
                return false;
            }
            fields = Arrays.copyOf(fields, fields.length * 2);
            doubles = Arrays.copyOf(doubles, doubles.length * 2);
            longs = Arrays.copyOf(longs, longs.length * 2);
        }
        fields[base] = nameStart;
        fields[base + 1] = nameLength;
        fields[base + 2] = valueStart;
        fields[base + 3] = valueEnd;
        fields[base + 4] = numberKind;
        fieldCount++;
        return true;
    }

    /** The index is full: fails the wrap at {@code position}, marked {@link #indexFull()}. */
    private int full(final int position)
    {
        indexFull = true;
        return scannerFail(INDEX_FULL, position);
    }

    private int scannerFail(final String reason, final int position)
    {
        errorReason = reason;
        errorPosition = position;
        return JsonScanner.INVALID;
    }

    private boolean scannerError()
    {
        return errorReason != null ? fail(errorReason, errorPosition) :
            fail(scanner.errorReason(), scanner.errorPosition());
    }

    /** @return {@code false} if a fixed index is full. */
    private boolean addEntry(final int keyStart, final int keyLength, final int valueStart, final int valueEnd,
                             final int firstField, final int fieldCount)
    {
        final int base = entryCount * ENTRY_INTS;
        if (base + ENTRY_INTS > entries.length)
        {
            if (fixed)
            {
                return false;
            }
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[base] = keyStart;
        entries[base + 1] = keyLength;
        entries[base + 2] = valueStart;
        entries[base + 3] = valueEnd;
        entries[base + 4] = firstField;
        entries[base + 5] = fieldCount;
        entryCount++;
        return true;
    }

    private boolean fail(final String reason, final int position)
    {
        errorReason = reason;
        errorPosition = position;
        entryCount = 0;
        fieldCount = 0;
        return false;
    }

    /** The buffer of the message last wrapped. */
    public byte[] buffer()
    {
        return buffer;
    }

    /** The envelope's {@code timestamp} (Unix epoch milliseconds). */
    public long timestamp()
    {
        return timestamp;
    }

    /** The envelope's service. */
    public Service service()
    {
        return service;
    }

    /** Why the last {@link #wrap} failed: a constant, never allocated. */
    public String errorReason()
    {
        return errorReason;
    }

    /**
     * Whether the last {@link #wrap} failed only because the message has more entries or fields than a
     * fixed index holds (see {@link #CanonicalDecoder(int, int)}): the message was not fully validated,
     * and a decoder with a growing index reads it. Always {@code false} for a growing decoder.
     */
    public boolean indexFull()
    {
        return indexFull;
    }

    /** The byte offset in the buffer where the last {@link #wrap} failed. */
    public int errorPosition()
    {
        return errorPosition;
    }

    /** How many symbol entries the message holds. */
    public int entryCount()
    {
        return entryCount;
    }

    /** Where entry {@code index}'s symbol starts in {@link #buffer()} (inside the quotes). */
    public int symbolOffset(final int index)
    {
        return entries[index * ENTRY_INTS];
    }

    /** The byte length of entry {@code index}'s symbol. */
    public int symbolLength(final int index)
    {
        return entries[index * ENTRY_INTS + 1];
    }

    /** Points {@code view} at entry {@code index}'s value. */
    public EntryView entry(final int index, final EntryView view)
    {
        final int base = index * ENTRY_INTS;
        return view.wrap(this, entries[base + 2], entries[base + 3], entries[base + 4], entries[base + 5]);
    }
}
