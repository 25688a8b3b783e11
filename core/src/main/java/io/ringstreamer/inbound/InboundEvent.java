package io.ringstreamer.inbound;

import io.ringstreamer.Pipeline;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

/**
 * A preallocated slot of the inbound ring: a copy of one raw message, a status or error from the
 * streamer, a subscription change, or the end-of-stream marker. Written by its producer between claim
 * and publish (the streamer's publisher, or a thread calling {@code Pipeline.subscribe}); read by every
 * shard handler after.
 */
public final class InboundEvent
{
    public static final int DATA = 0;
    public static final int TOO_LARGE = 1;
    public static final int END_OF_STREAM = 2;
    public static final int GAP = 3;
    /** A status from the streamer: {@link #statusKind}, {@link #code}, text in {@link #bytes} (UTF-8). */
    public static final int STATUS = 4;
    /** A non-terminal error from the streamer: {@link #errorKind}, {@link #code}, text in {@link #bytes} (UTF-8). */
    public static final int ERROR = 5;
    /** {@link #symbol} (id {@link #symbolId}) is subscribed from here on. */
    public static final int SUBSCRIBE = 6;
    /** {@link #symbol} (id {@link #symbolId}) is unsubscribed from here on. */
    public static final int UNSUBSCRIBE = 7;
    /**
     * Spilled messages discarded because the close deadline passed before they reached the ring:
     * {@link #droppedCount} of them, receive numbers {@link #firstDropped} to {@link #lastDropped}.
     */
    public static final int ABANDONED = 8;
    /** Nothing: a slot claimed for a message ({@code MessagePublisher.claim}) and then aborted. Every consumer skips it. */
    public static final int SKIP = 9;

    /** No note: see {@link #note}. */
    public static final int NOTE_NONE = 0;
    /** A spill starts with this event: shard 0 reports a {@code Spilling} status before it. */
    public static final int NOTE_SPILLING = 1;
    /** A spill has drained: shard 0 reports a {@code CaughtUp} status ({@link #noteCode} ms) before this event. */
    static final int NOTE_CAUGHT_UP = 2;
    /** The spill store was full and the reader waited: shard 0 reports a {@code SpillFull} status before this event. */
    public static final int NOTE_SPILL_FULL = 3;

    public int type;
    /**
     * A status about the stream that rides on this event instead of taking a slot (and a sequence) of
     * its own: {@link #NOTE_NONE}, {@link #NOTE_SPILLING} or {@link #NOTE_CAUGHT_UP}. Every producer sets it.
     */
    public int note;
    public int noteCode;
    public byte[] bytes;
    public int length;
    public long receiveNanos;
    /** For a {@link #GAP} or {@link #ABANDONED}: how many messages, and the receive number of the first. */
    public long droppedCount;
    public long firstDropped;
    public long lastDropped;
    /** For a {@link #STATUS} or {@link #ERROR}. */
    public StatusKind statusKind;
    public ErrorKind errorKind;
    public int code;
    /** For a {@link #SUBSCRIBE} or {@link #UNSUBSCRIBE}: the symbol and its id, which picks the owning shard. */
    public String symbol;
    public int symbolId;

    /** {@link #indexState}: the message has not been indexed; each shard decodes it itself. */
    public static final int NOT_INDEXED = 0;
    /** {@link #indexState}: {@link #decoded} holds the message's index and {@link #entryIds} each entry's symbol id. */
    public static final int INDEXED = 1;
    /** {@link #indexState}: the message is invalid, already reported by shard 0; the other shards skip it. */
    public static final int INVALID = 2;

    /**
     * When messages are decoded once for all shards ({@code DecodeMode.ONCE}): this slot's decoder, with a
     * fixed index, and each entry's symbol id (-1 for a symbol not subscribed), written by shard 0 and read
     * by the other shards after shard 0's sequence passes this slot. {@code null} otherwise.
     */
    public final CanonicalDecoder decoded;
    public final int[] entryIds;
    /** {@link #NOT_INDEXED}, {@link #INDEXED} or {@link #INVALID}: written by shard 0 in decode-once mode. */
    public int indexState;

    /** A slot of {@code capacity} bytes, for shards that each decode every message. */
    public InboundEvent(final int capacity)
    {
        this(capacity, 0, 0);
    }

    /**
     * A slot of {@code capacity} bytes; with {@code maxEntries > 0}, also a fixed index of that many entries
     * and {@code maxFields} fields, for decoding each message once for all shards.
     */
    public InboundEvent(final int capacity, final int maxEntries, final int maxFields)
    {
        bytes = new byte[capacity];
        decoded = maxEntries > 0 ? new CanonicalDecoder(maxEntries, maxFields) : null;
        entryIds = maxEntries > 0 ? new int[maxEntries] : null;
    }

    /**
     * Makes this slot a report of lost messages ({@link #GAP} or {@link #ABANDONED}): {@code count}
     * of them, receive numbers {@code first} to {@code last}, stamped now. The note is the caller's.
     */
    void dropped(final int type, final long count, final long first, final long last)
    {
        this.type = type;
        this.length = 0;
        this.droppedCount = count;
        this.firstDropped = first;
        this.lastDropped = last;
        this.receiveNanos = System.nanoTime();
    }
}
