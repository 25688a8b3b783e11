package io.ringstreamer.source.live;

import io.ringstreamer.format.internal.JsonScanner;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.source.MessagePublisher;

/**
 * Reports a server message that is not valid JSON as a {@code MalformedMessage} error saying what is
 * wrong and at which byte of the message ({@code truncated: input ends inside a value at byte 21 of 21}),
 * and counts it. The text is written into one reused builder: nothing is allocated.
 *
 * <p>Thread: the reading thread reports; {@link #count()} may be read from any thread.
 */
final class MalformedReport
{
    private final StringBuilder text = new StringBuilder(128);
    private volatile long count;

    /** Malformed messages so far. Any thread. */
    long count()
    {
        return count;
    }

    /**
     * Checks that {@code buffer[offset, offset+length)} is one JSON value with only whitespace around it;
     * if not, reports and counts it.
     *
     * @param scanner wrapped over the buffer up to {@code offset + length}.
     * @return where the value starts, or -1 if the message was reported as malformed.
     */
    int check(final JsonScanner scanner, final byte[] buffer, final int offset, final int length, final MessagePublisher out)
    {
        final int end = offset + length;
        final int start = scanner.skipWhitespace(offset);
        if (start >= end)
        {
            return report(out, "empty message", -1, length);
        }
        final int valueEnd = scanner.skipValue(start);
        if (valueEnd < 0)
        {
            return report(out, scanner.errorReason(), scanner.errorPosition() - offset, length);
        }
        final int after = scanner.skipWhitespace(valueEnd);
        if (after != end)
        {
            return report(out, "more after the JSON value", after - offset, length);
        }
        return start;
    }

    private int report(final MessagePublisher out, final String reason, final int position, final int length)
    {
        count = count + 1; // one writer: the reading thread
        text.setLength(0);
        text.append("server message is not valid JSON: ").append(reason);
        if (position >= 0)
        {
            text.append(" at byte ").append(position).append(" of ").append(length);
        }
        out.publishError(ErrorKind.MALFORMED_MESSAGE, 0, text);
        return -1;
    }
}
