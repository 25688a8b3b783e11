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

    int type;
    byte[] bytes;
    int length;
    long receiveNanos;

    InboundEvent(final int capacity)
    {
        bytes = new byte[capacity];
    }
}
