package io.ringstreamer.format;

import io.ringstreamer.format.internal.Ascii;

/**
 * A flyweight over one symbol's entry, already validated and indexed by {@link CanonicalDecoder}:
 * walk its fields with {@link #nextField()}, match names with {@link #nameEquals}, and read values in
 * place. Field positions come from the decoder's index, so walking an entry never re-scans its bytes;
 * numbers were parsed by that same pass, so reading one is a load. Allocates nothing.
 *
 * <pre>{@code
 * while (entry.nextField()) {
 *     if (entry.nameEquals(OPEN)) { open = entry.doubleValue(); }
 * }
 * }</pre>
 *
 * <p>Owned by the shard thread that wrapped it; valid only during the call it was passed to.
 */
public final class EntryView
{
    /** The kind of JSON value the current field holds. */
    public enum ValueType
    {
        NUMBER, STRING, OBJECT, ARRAY, TRUE, FALSE, NULL
    }

    private CanonicalDecoder decoder;
    private byte[] buffer;
    private int start;
    private int end;
    private int firstField;
    private int fieldCount;
    private int field;
    private int nameStart;
    private int nameLength;
    private int valueStart;
    private int valueEnd;
    private ValueType valueType;
    private int numberKind;

    /** A view pointing at no entry until {@link CanonicalDecoder#entry} points it at one. */
    public EntryView()
    {
    }

    EntryView wrap(final CanonicalDecoder decoder, final int start, final int end, final int firstField,
                   final int fieldCount)
    {
        this.decoder = decoder;
        this.buffer = decoder.buffer();
        this.start = start;
        this.end = end;
        this.firstField = firstField;
        this.fieldCount = fieldCount;
        rewind();
        return this;
    }

    /** Goes back to before the first field. */
    public void rewind()
    {
        field = -1;
        nameLength = 0;
        valueType = null;
    }

    /** Whether the entry is a JSON object; entries of every service must be. */
    public boolean isObject()
    {
        return fieldCount >= 0;
    }

    /** How many fields the entry has (0 if it is not an object). */
    public int fieldCount()
    {
        return Math.max(0, fieldCount);
    }

    /**
     * Advances to the next field.
     *
     * @return {@code false} when there are no more fields.
     */
    public boolean nextField()
    {
        if (field + 1 >= fieldCount)
        {
            field = fieldCount;
            valueType = null;
            return false;
        }
        field++;
        final int[] fields = decoder.fields;
        final int base = (firstField + field) * CanonicalDecoder.FIELD_INTS;
        nameStart = fields[base];
        nameLength = fields[base + 1];
        valueStart = fields[base + 2];
        valueEnd = fields[base + 3];
        numberKind = fields[base + 4];
        valueType = numberKind != CanonicalDecoder.NOT_A_NUMBER ? ValueType.NUMBER : typeOf(buffer[valueStart]);
        return true;
    }

    private static ValueType typeOf(final byte first)
    {
        switch (first)
        {
            case '"':
                return ValueType.STRING;
            case '{':
                return ValueType.OBJECT;
            case '[':
                return ValueType.ARRAY;
            case 't':
                return ValueType.TRUE;
            case 'f':
                return ValueType.FALSE;
            case 'n':
                return ValueType.NULL;
            default:
                return ValueType.NUMBER;
        }
    }

    /** Whether the current field's name is exactly {@code name} (ASCII bytes). */
    public boolean nameEquals(final byte[] name)
    {
        return Ascii.equals(name, buffer, nameStart, nameLength);
    }

    /** The current field's value type. */
    public ValueType valueType()
    {
        return valueType;
    }

    /** The current field's value as a double; {@code NaN} if it is not a number. Parsed already: a load. */
    public double doubleValue()
    {
        return numberKind != CanonicalDecoder.NOT_A_NUMBER ? decoder.doubles[firstField + field] : Double.NaN;
    }

    /**
     * Whether the current field's value is a whole number that fits a long ({@code 26.0} counts);
     * read it with {@link #longValue()}.
     */
    public boolean isLong()
    {
        return numberKind == CanonicalDecoder.WHOLE_NUMBER;
    }

    /** The current field's value as a long; only meaningful if {@link #isLong()}. */
    public long longValue()
    {
        return numberKind == CanonicalDecoder.WHOLE_NUMBER ? decoder.longs[firstField + field] : 0;
    }

    /** The {@code timestamp} of the message holding the entry (Unix epoch milliseconds, as the message says). */
    public long messageTimestamp()
    {
        return decoder.timestamp();
    }

    /** The buffer holding the entry, for decoders of nested values. */
    public byte[] buffer()
    {
        return buffer;
    }

    /** Where the entry's raw value starts in {@link #buffer()}. */
    public int entryStart()
    {
        return start;
    }

    /** Just after the entry's raw value in {@link #buffer()}. */
    public int entryEnd()
    {
        return end;
    }

    /** Where the current field's raw value starts in {@link #buffer()}. */
    public int valueStart()
    {
        return valueStart;
    }

    /** Just after the current field's raw value in {@link #buffer()}. */
    public int valueEnd()
    {
        return valueEnd;
    }
}
