package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.source.MessagePublisher;

/**
 * Joins the frames the JDK hands a WebSocket listener into whole server messages, encoded to UTF-8 for
 * the protocol: fragments are kept in a reusable builder until the last one, a message longer than the
 * limit is discarded at the limit (reported; the rest of its frames skipped), a message cut by the end of
 * its connection is discarded (reported), and binary messages are counted and reported.
 *
 * <p>Owned by the reading thread of one connection at a time (the streamer's connections take turns: a
 * closed connection's listener is gated out before the next opens); the counters are read from any
 * thread. Allocates nothing once its buffers have grown to the largest message.
 */
final class MessageAssembler
{
    /** {@link #onText}: a whole message is in {@link #bytes()}. */
    static final int MESSAGE = 1;
    /** {@link #onText}: nothing to hand on yet (a fragment, or a frame skipped or discarded). */
    static final int NOTHING = 0;

    private final int maxMessageChars;
    private final Utf8Encoder utf8;
    private final StringBuilder fragments;
    /** Binary messages, which neither protocol sends: counted and reported. */
    private final UntranslatedReport binaryFrames = new UntranslatedReport();
    /** The text of a report (an oversized or partial message), reused. */
    private final StringBuilder notice = new StringBuilder(128);
    /** Bytes of the binary message being received. */
    private long binaryBytes;
    /** The rest of a message that grew past the limit is being skipped, up to its last frame. */
    private boolean skippingOversized;
    /** Written by one thread at a time (the listener, or the streamer thread once the listener is gated out). */
    private volatile long discardedMessages;

    MessageAssembler(final int maxMessageChars, final int initialChars)
    {
        this.maxMessageChars = maxMessageChars;
        this.utf8 = new Utf8Encoder(initialChars);
        this.fragments = new StringBuilder(initialChars);
    }

    /**
     * Takes one text frame. A message that passes the limit is reported through {@code publisher} as a
     * {@code MessageTooLarge} error.
     *
     * @return {@link #MESSAGE} when {@code data} completes a message, now in {@link #bytes()}; else
     * {@link #NOTHING}, or {@link MessagePublisher#CLOSED} if the report found the pipeline closing.
     */
    long onText(final CharSequence data, final boolean last, final MessagePublisher publisher)
    {
        if (skippingOversized)
        {
            skippingOversized = !last;
            return NOTHING;
        }
        final long length = (long)fragments.length() + data.length();
        if (length > maxMessageChars)
        {
            return discardOversized(length, last, publisher);
        }
        if (!last)
        {
            fragments.append(data);
            return NOTHING;
        }
        if (fragments.length() > 0)
        {
            fragments.append(data);
            utf8.encode(fragments);
            fragments.setLength(0);
        }
        else
        {
            utf8.encode(data);
        }
        return MESSAGE;
    }

    /** The last whole message, UTF-8, from 0 to {@link #length()}: valid until the next frame. */
    byte[] bytes()
    {
        return utf8.bytes();
    }

    /** The length of {@link #bytes()}'s message. */
    int length()
    {
        return utf8.length();
    }

    /** Takes one binary frame of {@code bytes}; a whole binary message is counted and (at most once a second) reported. */
    void onBinary(final int bytes, final boolean last, final MessagePublisher publisher)
    {
        binaryBytes += bytes;
        if (last)
        {
            final StringBuilder report = binaryFrames.record(); // neither protocol sends binary
            if (report != null)
            {
                report.append("a binary message of ").append(binaryBytes).append(" bytes");
                binaryFrames.publish(publisher);
            }
            binaryBytes = 0;
        }
    }

    /**
     * After a connection has ended (its listener gated out): forgets the frames of a message whose last
     * frame never came, so the next connection starts clean, and reports it if there were any.
     *
     * @return what the report's publish returned, or 0 if there was nothing to report.
     */
    long discardPartial(final MessagePublisher publisher)
    {
        final int partial = fragments.length();
        fragments.setLength(0);
        skippingOversized = false;
        if (partial == 0)
        {
            return 0; // an oversized message being skipped was reported when it passed the limit
        }
        discardedMessages++;
        notice.setLength(0);
        notice.append("discarded a partial server message of ").append(partial)
            .append(" chars: the connection ended before its last frame");
        return publisher.publishError(ErrorKind.PROTOCOL_ERROR, 0, notice);
    }

    /** Messages discarded whole so far: cut by the end of their connection, or longer than the limit. Any thread. */
    long discardedMessages()
    {
        return discardedMessages;
    }

    /** Binary messages so far. Any thread. */
    long binaryMessages()
    {
        return binaryFrames.count();
    }

    /** Drops a message that has grown past the limit; the rest of its frames, if any, are skipped. */
    private long discardOversized(final long length, final boolean last, final MessagePublisher publisher)
    {
        fragments.setLength(0);
        skippingOversized = !last;
        discardedMessages++;
        notice.setLength(0);
        notice.append("discarded a server message longer than the limit of ").append(maxMessageChars)
            .append(" chars (").append(length).append(last ? " chars)" : " chars so far; the rest of it is skipped)");
        return publisher.publishError(ErrorKind.MESSAGE_TOO_LARGE, 0, notice) == MessagePublisher.CLOSED ?
            MessagePublisher.CLOSED : NOTHING;
    }
}
