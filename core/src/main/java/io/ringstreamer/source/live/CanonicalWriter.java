package io.ringstreamer.source.live;

import io.ringstreamer.format.Service;
import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.source.MessageClaim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one canonical message of one service in a reusable, growable byte buffer, then publishes it:
 * {@code {"service":"S","symbols":{"SYM":{...},...},"timestamp":T}} (the envelope's field order is free,
 * so the timestamp, known only once the first event has been read, goes last).
 *
 * <p>Values are written as the caller hands them: a raw JSON scalar copied byte for byte from the input
 * (a number keeps its exact decimal digits, a string its escapes), or a long printed without
 * allocation. The caller copies only scalars the input scanner has validated, so the output is always
 * valid JSON.
 *
 * <p>A message holds each symbol once: {@link #startEntry} publishes the message so far and starts a new
 * one when the symbol is already in it, so that two events of a symbol both arrive, in order.
 *
 * <p>Where the message is written: in place, in a {@link MessageClaim} of the publisher (an inbound ring
 * slot) when its {@link FrameOutput} hands one out, so the publish copies nothing; else in this writer's
 * own buffer, published by copy. A claimed message that outgrows its claim, or is still open when
 * something else is published, is set aside: its bytes so far move to the own buffer and the claim is
 * aborted.
 *
 * <p>Owned by the connection's reading thread. Allocates only to grow its buffers to the largest
 * message seen.
 */
final class CanonicalWriter
{
    private static final byte[] SYMBOLS = ascii("\",\"symbols\":{");
    private static final byte[] TIMESTAMP = ascii("},\"timestamp\":");
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));

    private final byte[] head;
    /** This writer's own buffer, for a message not written in a claim. */
    private byte[] own = new byte[1024];
    /** Where the message is being written: {@link #own}, or the claim's buffer. */
    private byte[] bytes = own;
    /** Where the message starts in {@link #bytes}. */
    private int base;
    /** The end of what is written, in {@link #bytes}. */
    private int length;
    /** The end of the room in {@link #bytes}. */
    private int limit = own.length;
    /** The open claim the message is written in, or null. */
    private MessageClaim claim;
    /** Where {@link #claim} came from. */
    private FrameOutput claimedFrom;
    private int entryCount;
    private boolean firstField;
    private boolean hasTimestamp;
    private long timestamp;

    // The symbols of the message: key offset (from the message's start) and length in bytes, and an open-addressing set of entry
    // indexes (plus one; zero is empty) keyed by the symbol's hash, so a duplicate is found in O(1).
    private int[] keyOffsets = new int[16];
    private int[] keyLengths = new int[16];
    private int[] keySlots = new int[16];
    private int[] table = new int[64];

    CanonicalWriter(final Service service)
    {
        head = ascii("{\"service\":\"" + service.name());
    }

    /** Whether no entry has been started since the last publish. */
    boolean isEmpty()
    {
        return entryCount == 0;
    }

    /**
     * Opens the entry of the symbol whose raw JSON string contents are {@code source[offset, offset+length)};
     * if the message already holds that symbol, publishes it first and starts a new message.
     *
     * @param eventTime the event's time (epoch ms), or {@link Rfc3339#INVALID} if unknown: the message's
     *                  timestamp is the first known event time of its entries (0 if none is known).
     */
    void startEntry(final byte[] source, final int offset, final int length, final long eventTime,
                    final FrameOutput out)
    {
        if (entryCount > 0 && contains(source, offset, length))
        {
            publish(out);
        }
        if (entryCount == 0)
        {
            begin(out);
            append(head, 0, head.length);
            append(SYMBOLS, 0, SYMBOLS.length);
        }
        else
        {
            appendByte((byte)',');
        }
        appendByte((byte)'"');
        final int keyOffset = this.length - base;
        append(source, offset, length);
        appendByte((byte)'"');
        appendByte((byte)':');
        appendByte((byte)'{');
        addKey(keyOffset, length);
        firstField = true;
        if (!hasTimestamp && eventTime != Rfc3339.INVALID)
        {
            timestamp = eventTime;
            hasTimestamp = true;
        }
    }

    /** Writes a field whose value is the raw JSON scalar {@code source[start, end)}. */
    void rawField(final byte[] name, final byte[] source, final int start, final int end)
    {
        fieldName(name);
        append(source, start, end - start);
    }

    /** Writes a field whose value is a whole number. */
    void longField(final byte[] name, final long value)
    {
        fieldName(name);
        appendLong(value);
    }

    /** Writes a field whose value is the string whose raw contents (escapes kept) are {@code source[start, end)}. */
    void stringField(final byte[] name, final byte[] source, final int start, final int end)
    {
        fieldName(name);
        appendByte((byte)'"');
        append(source, start, end - start);
        appendByte((byte)'"');
    }

    /** Writes a field name whose value the caller then writes with the {@code value*} methods. */
    void fieldName(final byte[] name)
    {
        if (!firstField)
        {
            appendByte((byte)',');
        }
        firstField = false;
        appendByte((byte)'"');
        append(name, 0, name.length);
        appendByte((byte)'"');
        appendByte((byte)':');
    }

    /** Appends raw bytes of a value being written (brackets, commas, a raw scalar). */
    void valueBytes(final byte[] source, final int start, final int end)
    {
        append(source, start, end - start);
    }

    /** Appends one byte of a value being written. */
    void valueByte(final char c)
    {
        appendByte((byte)c);
    }

    /** Closes the current entry. */
    void endEntry()
    {
        appendByte((byte)'}');
    }

    /** Publishes the message if it holds any entry, and empties the writer. */
    void flush(final FrameOutput out)
    {
        if (entryCount > 0)
        {
            publish(out);
        }
    }

    /** Whether the message is being written in a claim. */
    boolean isClaimed()
    {
        return claim != null;
    }

    /**
     * Moves the message written so far out of its claim into the own buffer, and aborts the claim (the
     * publisher publishes an aborted ring slot as a marker the shards skip): before something else is
     * published, or when the message outgrows the claim.
     */
    void setAside()
    {
        final MessageClaim open = claim;
        if (open == null)
        {
            return;
        }
        final int written = length - base;
        if (own.length < written)
        {
            own = new byte[Math.max(own.length * 2, written)];
        }
        System.arraycopy(bytes, base, own, 0, written);
        claimedFrom.released(this);
        claim = null;
        bytes = own;
        base = 0;
        length = written;
        limit = own.length;
        open.abort();
    }

    /**
     * Empties the writer without publishing (a new connection). A claim still open is forgotten, not
     * touched: the publisher aborts a claim left open at its next call.
     */
    void clear()
    {
        for (int i = 0; i < entryCount; i++)
        {
            table[keySlots[i]] = 0;
        }
        entryCount = 0;
        claim = null;
        bytes = own;
        base = 0;
        length = 0;
        limit = own.length;
        hasTimestamp = false;
        timestamp = 0;
    }

    /** Starts a message: in a claim if {@code out} hands one out, else in the own buffer. */
    private void begin(final FrameOutput out)
    {
        final MessageClaim open = out.claimFor(this);
        if (open != null)
        {
            claim = open;
            claimedFrom = out;
            bytes = open.buffer();
            base = open.offset();
            length = base;
            limit = base + open.capacity();
        }
    }

    private void publish(final FrameOutput out)
    {
        append(TIMESTAMP, 0, TIMESTAMP.length);
        appendLong(hasTimestamp ? timestamp : 0);
        appendByte((byte)'}');
        final MessageClaim open = claim;
        if (open != null)
        {
            out.released(this);
            open.commit(length - base);
        }
        else
        {
            out.publish(bytes, 0, length);
        }
        clear();
    }

    private boolean contains(final byte[] source, final int offset, final int length)
    {
        final int mask = table.length - 1;
        for (int slot = Ascii.hash(source, offset, length) & mask; ; slot = (slot + 1) & mask)
        {
            final int entry = table[slot] - 1;
            if (entry < 0)
            {
                return false;
            }
            if (keyLengths[entry] == length &&
                Arrays.equals(bytes, base + keyOffsets[entry], base + keyOffsets[entry] + length, source, offset,
                    offset + length))
            {
                return true;
            }
        }
    }

    private void addKey(final int keyOffset, final int keyLength)
    {
        if (entryCount == keyOffsets.length)
        {
            keyOffsets = Arrays.copyOf(keyOffsets, entryCount * 2);
            keyLengths = Arrays.copyOf(keyLengths, entryCount * 2);
            keySlots = Arrays.copyOf(keySlots, entryCount * 2);
        }
        if ((entryCount + 1) * 2 > table.length)
        {
            rehash(table.length * 2);
        }
        keyOffsets[entryCount] = keyOffset;
        keyLengths[entryCount] = keyLength;
        keySlots[entryCount] = insert(entryCount);
        entryCount++;
    }

    private int insert(final int entry)
    {
        final int mask = table.length - 1;
        int slot = Ascii.hash(bytes, base + keyOffsets[entry], keyLengths[entry]) & mask;
        while (table[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry + 1;
        return slot;
    }

    private void rehash(final int size)
    {
        table = new int[size];
        for (int entry = 0; entry < entryCount; entry++)
        {
            keySlots[entry] = insert(entry);
        }
    }

    private void appendLong(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            final byte[] min = MIN_LONG;
            append(min, 0, min.length);
            return;
        }
        ensure(20);
        long v = value;
        if (v < 0)
        {
            bytes[length++] = '-';
            v = -v;
        }
        final int start = length;
        do
        {
            bytes[length++] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) // digits were written backwards
        {
            final byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
    }

    private void appendByte(final byte b)
    {
        if (length == limit)
        {
            ensure(1);
        }
        bytes[length++] = b;
    }

    private void append(final byte[] source, final int offset, final int count)
    {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(final int count)
    {
        if (length + count > limit)
        {
            setAside(); // a claim outgrown: go on in the own buffer
            if (length + count > own.length)
            {
                own = Arrays.copyOf(own, Math.max(own.length * 2, length + count));
            }
            bytes = own;
            limit = own.length;
        }
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
