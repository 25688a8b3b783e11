package io.ringstreamer.pipeline;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

/**
 * A preallocated slot of the inbound ring: a copy of one raw message, a status or error from the
 * streamer, a subscription change, or the end-of-stream marker. Written by its producer between claim
 * and publish (the streamer's publisher, or a thread calling {@code Pipeline.subscribe}); read by every
 * shard handler after.
 */
final class InboundEvent
{
    static final int DATA = 0;
    static final int TOO_LARGE = 1;
    static final int END_OF_STREAM = 2;
    static final int GAP = 3;
    /** A status from the streamer: {@link #statusKind}, {@link #code}, text in {@link #bytes} (UTF-8). */
    static final int STATUS = 4;
    /** A non-terminal error from the streamer: {@link #errorKind}, {@link #code}, text in {@link #bytes} (UTF-8). */
    static final int ERROR = 5;
    /** {@link #symbol} (id {@link #symbolId}) is subscribed from here on. */
    static final int SUBSCRIBE = 6;
    /** {@link #symbol} (id {@link #symbolId}) is unsubscribed from here on. */
    static final int UNSUBSCRIBE = 7;

    int type;
    byte[] bytes;
    int length;
    long receiveNanos;
    /** For a {@link #GAP}: how many messages were dropped, and the receive count of the first. */
    long droppedCount;
    long firstDropped;
    /** For a {@link #STATUS} or {@link #ERROR}. */
    StatusKind statusKind;
    ErrorKind errorKind;
    int code;
    /** For a {@link #SUBSCRIBE} or {@link #UNSUBSCRIBE}: the symbol and its id, which picks the owning shard. */
    String symbol;
    int symbolId;

    InboundEvent(final int capacity)
    {
        bytes = new byte[capacity];
    }
}
