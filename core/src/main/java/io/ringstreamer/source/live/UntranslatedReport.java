package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.source.MessagePublisher;

import java.util.concurrent.TimeUnit;

/**
 * Counts the server messages (or parts of one) a live source could not translate, and reports them as
 * {@code ProtocolError} results: the first at once, then at most one a second, each naming the latest
 * problem and the count so far. A flood of garbage therefore costs a counter increment and a clock read
 * per message, and the report's text is written into one reused builder: nothing is allocated.
 *
 * <p>Thread: the reading thread counts and reports; {@link #count()} may be read from any thread.
 */
final class UntranslatedReport
{
    /** The least time between two reports. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Bytes of the server's text quoted in a report at most. */
    private static final int QUOTED_BYTES = 32;

    private final StringBuilder text = new StringBuilder(160);
    private volatile long count;
    private long lastReportNanos;
    private boolean reportedAny;

    /** Untranslated messages so far. Any thread. */
    long count()
    {
        return count;
    }

    /**
     * Counts one untranslated message. @return the cleared builder to write what was wrong into, then call
     * {@link #publish}, when a report is due now; {@code null} when it is not (the count is enough).
     */
    StringBuilder record()
    {
        count = count + 1; // one writer: the reading thread
        final long now = System.nanoTime();
        if (reportedAny && now - lastReportNanos < INTERVAL_NANOS)
        {
            return null;
        }
        reportedAny = true;
        lastReportNanos = now;
        text.setLength(0);
        text.append("untranslated server message: ");
        return text;
    }

    /** Publishes the report written into {@link #record()}'s builder, with the count so far. */
    void publish(final MessagePublisher out)
    {
        text.append(" (").append(count).append(" so far)");
        out.publishError(ErrorKind.PROTOCOL_ERROR, 0, text);
    }

    /** Counts one, and reports {@code what} if a report is due. */
    void report(final MessagePublisher out, final String what)
    {
        final StringBuilder report = record();
        if (report != null)
        {
            report.append(what);
            publish(out);
        }
    }

    /** Counts one, and reports {@code what} followed by {@code " at byte "} and {@code position} if due. */
    void report(final MessagePublisher out, final String what, final int position)
    {
        final StringBuilder report = record();
        if (report != null)
        {
            report.append(what).append(" at byte ").append(position);
            publish(out);
        }
    }

    /** Appends {@code buffer[from, to)} as text, printable ASCII only, at most {@value #QUOTED_BYTES} bytes. */
    static StringBuilder quote(final StringBuilder text, final byte[] buffer, final int from, final int to)
    {
        text.append('"');
        final int end = Math.min(to, from + QUOTED_BYTES);
        for (int i = from; i < end; i++)
        {
            final int b = buffer[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char)b : '?');
        }
        return text.append(end < to ? "...\"" : "\"");
    }
}
