package io.ringstreamer.format;

/**
 * A flyweight over one symbol's entry (a JSON object already validated by {@link CanonicalDecoder}):
 * walk its fields with {@link #nextField()}, match names with {@link #nameEquals}, and read values in
 * place. Allocates nothing.
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

    private final JsonScanner scanner = new JsonScanner();
    private byte[] buffer;
    private int start;
    private int end;
    private int position;
    private int nameStart;
    private int nameLength;
    private int valueStart;
    private int valueEnd;
    private ValueType valueType;
    private boolean numberParsed;

    EntryView wrap(final byte[] buffer, final int start, final int end)
    {
        this.buffer = buffer;
        this.start = start;
        this.end = end;
        scanner.wrap(buffer, end);
        rewind();
        return this;
    }

    /** Goes back to before the first field. */
    public void rewind()
    {
        position = isObject() ? start + 1 : end;
        nameLength = 0;
        valueType = null;
    }

    // position < 0 means "just after the current value", found lazily: parsing a number finds its end,
    // so a numeric field is scanned once, not twice.
    private int nextPosition()
    {
        return position >= 0 ? position : valueEnd();
    }

    /** Whether the entry is a JSON object; entries of every service must be. */
    public boolean isObject()
    {
        return start < end && buffer[start] == '{';
    }

    /**
     * Advances to the next field.
     *
     * @return {@code false} when there are no more fields.
     */
    public boolean nextField()
    {
        int i = scanner.skipWhitespace(nextPosition());
        if (scanner.at(i, ','))
        {
            i = scanner.skipWhitespace(i + 1);
        }
        if (!scanner.at(i, '"'))
        {
            position = end;
            return false;
        }
        nameStart = i + 1;
        final int nameEnd = scanner.skipValidated(i) - 1;
        nameLength = nameEnd - nameStart;
        valueStart = scanner.skipWhitespace(scanner.skipWhitespace(nameEnd + 1) + 1);
        valueEnd = -1;
        position = -1;
        numberParsed = false;
        valueType = typeOf(buffer[valueStart]);
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

    /** The current field's value as a double; {@code NaN} if it is not a number. */
    public double doubleValue()
    {
        return parseNumber() ? scanner.numberValue() : Double.NaN;
    }

    /**
     * Whether the current field's value is a whole number that fits a long ({@code 26.0} counts);
     * read it with {@link #longValue()}.
     */
    public boolean isLong()
    {
        return parseNumber() && scanner.isLongExact();
    }

    /** The current field's value as a long; only meaningful if {@link #isLong()}. */
    public long longValue()
    {
        return parseNumber() ? scanner.longValue() : 0;
    }

    private boolean parseNumber()
    {
        if (valueType != ValueType.NUMBER)
        {
            return false;
        }
        if (!numberParsed)
        {
            valueEnd = scanner.parseNumber(valueStart);
            numberParsed = true;
        }
        return true;
    }

    /** The buffer holding the entry, for decoders of nested values. */
    public byte[] buffer()
    {
        return buffer;
    }

    /** Where the current field's raw value starts in {@link #buffer()}. */
    public int valueStart()
    {
        return valueStart;
    }

    /** Just after the current field's raw value in {@link #buffer()}. */
    public int valueEnd()
    {
        if (valueEnd < 0)
        {
            valueEnd = scanner.skipValidated(valueStart);
        }
        return valueEnd;
    }
}
