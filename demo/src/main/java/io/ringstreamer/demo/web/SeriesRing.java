package io.ringstreamer.demo.web;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed ring of rows of numbers (and optionally one short text per row), written by one thread and
 * read by another without locks: the listener's thread appends rows, the web thread copies the newest
 * ones. Preallocated; appending allocates nothing.
 *
 * <p>The writer fills the row at index {@link #count()} with {@link #put} (and {@link #putText}), then
 * {@link #commit()} publishes it with a release store of the count. A reader copies rows, then reads the
 * count again: rows the writer may have started overwriting meanwhile (the oldest two slots past the
 * count it sees) are discarded, so a reader never returns a torn row. It may return fewer rows than
 * asked when the writer laps it; it never waits for the writer and the writer never waits for it.
 */
final class SeriesRing
{
    private static final VarHandle COUNT;

    static
    {
        try
        {
            COUNT = MethodHandles.lookup().findVarHandle(SeriesRing.class, "count", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int capacity;
    private final int columns;
    private final double[] values;
    private final int textWidth;
    private final char[] text;
    private final int[] textLength;
    @SuppressWarnings("unused") // accessed through COUNT
    private long count;
    /** The writer's own copy of {@link #count}: the row being filled. Writer thread only. */
    private long writing;

    /**
     * @param capacity  rows kept, at least 3 (a reader may discard the two oldest).
     * @param columns   numbers per row.
     * @param textWidth characters of text kept per row (longer text is cut), 0 for none.
     */
    SeriesRing(final int capacity, final int columns, final int textWidth)
    {
        if (capacity < 3 || columns < 1 || textWidth < 0)
        {
            throw new IllegalArgumentException("capacity >= 3, columns >= 1, textWidth >= 0");
        }
        this.capacity = capacity;
        this.columns = columns;
        this.values = new double[capacity * columns];
        this.textWidth = textWidth;
        this.text = new char[capacity * textWidth];
        this.textLength = new int[textWidth > 0 ? capacity : 0];
    }

    int columns()
    {
        return columns;
    }

    /** Writer: sets {@code column} of the row being filled. */
    void put(final int column, final double value)
    {
        values[slot(writing) * columns + column] = value;
    }

    /** Writer: the text of the row being filled, cut to the ring's text width. Allocates nothing. */
    void putText(final CharSequence value)
    {
        final int base = slot(writing) * textWidth;
        final int length = value == null ? 0 : Math.min(value.length(), textWidth);
        for (int i = 0; i < length; i++)
        {
            text[base + i] = value.charAt(i);
        }
        textLength[slot(writing)] = length;
    }

    /** Writer: publishes the row being filled (every column must have been {@link #put}). */
    void commit()
    {
        writing++;
        COUNT.setRelease(this, writing);
        VarHandle.storeStoreFence(); // this count is visible before the next row overwrites an old slot
    }

    /** Writer: the value of {@code column} in the newest committed row, or {@code NaN} if there is none. */
    double lastWritten(final int column)
    {
        return writing == 0 ? Double.NaN : values[slot(writing - 1) * columns + column];
    }

    /** Rows committed so far: any thread. */
    long count()
    {
        return (long)COUNT.getAcquire(this);
    }

    /**
     * Reader: copies the newest committed rows, at most {@code maxRows}, starting no earlier than row
     * {@code fromRow}.
     */
    Rows read(final long fromRow, final int maxRows)
    {
        final long end = count();
        final long start = Math.max(Math.max(fromRow, end - maxRows), Math.max(0, end - capacity + 2));
        final int n = (int)Math.max(0, end - start);
        final double[] copy = new double[n * columns];
        final String[] texts = textWidth > 0 ? new String[n] : null;
        for (int i = 0; i < n; i++)
        {
            final int slot = slot(start + i);
            System.arraycopy(values, slot * columns, copy, i * columns, columns);
            if (texts != null)
            {
                texts[i] = new String(text, slot * textWidth, Math.min(textLength[slot], textWidth));
            }
        }
        VarHandle.acquireFence(); // the copies above are done before the count is read again
        final long now = (long)COUNT.getAcquire(this);
        final long firstSafe = now - capacity + 2; // the writer may be filling row now, in the slot of row now - capacity
        final int skip = (int)Math.min(n, Math.max(0, firstSafe - start));
        if (skip == 0)
        {
            return new Rows(start, n, columns, copy, texts);
        }
        final double[] kept = new double[(n - skip) * columns];
        System.arraycopy(copy, skip * columns, kept, 0, kept.length);
        return new Rows(start + skip, n - skip, columns, kept,
            texts == null ? null : java.util.Arrays.copyOfRange(texts, skip, n));
    }

    private int slot(final long row)
    {
        return (int)(row % capacity);
    }

    /** Rows copied out of a ring: row {@code first + i} is at index {@code i}. */
    record Rows(long first, int size, int columns, double[] values, String[] texts)
    {
        double get(final int row, final int column)
        {
            return values[row * columns + column];
        }

        long end()
        {
            return first + size;
        }
    }
}
