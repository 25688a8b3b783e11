package io.ringstreamer.pipeline;

/**
 * A preallocated slot of the inbound ring: a copy of one raw message, or the end-of-stream marker.
 * Written by the streamer thread between claim and publish; read by every shard handler after.
 */
final class InboundEvent
{
    static final int DATA = 0;
    static final int TOO_LARGE = 1;
    static final int END_OF_STREAM = 2;
    static final int GAP = 3;

    int type;
    byte[] bytes;
    int length;
    long receiveNanos;
    /** For a {@link #GAP}: how many messages were dropped, and the receive count of the first. */
    long droppedCount;
    long firstDropped;

    InboundEvent(final int capacity)
    {
        bytes = new byte[capacity];
    }
}
