package io.ringstreamer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the bars of a cycled message set moving forward in time: after message {@code i} has been
 * handed off (copied), {@link #advance(int)} adds one cycle's span to every {@code "datetime"} in it
 * (and to its envelope's {@code "timestamp"}, if it has bars),
 * in place, so the next time it is sent each of its bars starts later than every bar sent before.
 * Without it a cycled stream repeats its bars, and the bar component rightly rejects them as
 * duplicates. The digits are rewritten in place (13 digits stay 13 digits until the year 2286):
 * nothing is allocated.
 *
 * <p>Used by one thread, the one that sends the messages.
 */
public final class CycledBarTimes
{
    private static final byte[] FIELD = "\"datetime\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP = "\"timestamp\":".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] messages;
    /** Per message, the offsets of its datetime values' first digits. */
    private final int[][] offsets;
    /** Per message, the number of digits of each value (the same for every value of one set). */
    private final int[][] lengths;
    private final long span;

    /** @param messages the cycled messages; they are modified in place by {@link #advance}. */
    public CycledBarTimes(final List<byte[]> messages)
    {
        this.messages = messages.toArray(new byte[0][]);
        this.offsets = new int[this.messages.length][];
        this.lengths = new int[this.messages.length][];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int m = 0; m < this.messages.length; m++)
        {
            final byte[] message = this.messages[m];
            final List<int[]> found = new ArrayList<>();
            for (int i = indexOf(message, 0, FIELD); i >= 0; i = indexOf(message, i, FIELD))
            {
                final int end = digitsEnd(message, i);
                if (end > i && end < message.length) // a number cut off by a truncated message is left alone
                {
                    final long value = Long.parseLong(new String(message, i, end - i, StandardCharsets.US_ASCII));
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                    found.add(new int[] {i, end - i});
                }
                i = end;
            }
            // A bar message's own timestamp moves with its bars, as a live feed's would: a bar far ahead
            // of its message is rejected.
            final int timestamp = found.isEmpty() ? -1 : indexOf(message, 0, TIMESTAMP);
            final int timestampEnd = timestamp < 0 ? -1 : digitsEnd(message, timestamp);
            if (timestampEnd > timestamp && timestampEnd < message.length)
            {
                found.add(new int[] {timestamp, timestampEnd - timestamp});
            }
            offsets[m] = found.stream().mapToInt(f -> f[0]).toArray();
            lengths[m] = found.stream().mapToInt(f -> f[1]).toArray();
        }
        this.span = min == Long.MAX_VALUE ? 0 : max - min + 60_000;
    }

    /** Fresh copies of {@code messages}, for one sender to advance in place. */
    public static List<byte[]> copies(final List<byte[]> messages)
    {
        final List<byte[]> copies = new ArrayList<>(messages.size());
        messages.forEach(message -> copies.add(message.clone()));
        return copies;
    }

    /** How far each {@link #advance} moves a message's bars: the set's time range plus one minute. */
    public long span()
    {
        return span;
    }

    /** Moves message {@code index}'s bars one cycle later, in place. Call after it has been sent. */
    public void advance(final int index)
    {
        final byte[] message = messages[index];
        final int[] offsets = this.offsets[index];
        final int[] lengths = this.lengths[index];
        for (int f = 0; f < offsets.length; f++)
        {
            addInPlace(message, offsets[f], lengths[f], span);
        }
    }

    /** Adds {@code delta} to the decimal number in {@code digits[offset, offset + length)}, keeping its width. */
    private static void addInPlace(final byte[] digits, final int offset, final int length, final long delta)
    {
        long carry = delta;
        for (int i = offset + length - 1; i >= offset && carry != 0; i--)
        {
            final long sum = (digits[i] - '0') + carry;
            digits[i] = (byte)('0' + sum % 10);
            carry = sum / 10;
        }
        if (carry != 0)
        {
            throw new IllegalStateException("datetime outgrew its digits");
        }
    }

    private static int indexOf(final byte[] message, final int from, final byte[] field)
    {
        outer:
        for (int i = from; i <= message.length - field.length; i++)
        {
            for (int j = 0; j < field.length; j++)
            {
                if (message[i + j] != field[j])
                {
                    continue outer;
                }
            }
            return i + field.length;
        }
        return -1;
    }

    private static int digitsEnd(final byte[] message, final int from)
    {
        int end = from;
        while (end < message.length && message[end] >= '0' && message[end] <= '9')
        {
            end++;
        }
        return end;
    }
}
