package io.ringstreamer.journal;

import java.nio.charset.StandardCharsets;

/**
 * One journalled message, as a {@link JournalReader} reads it: a flyweight that the reader refills
 * with each {@link JournalReader#next()}; copy what you keep.
 *
 * <p>On disk each message is one Chronicle Queue excerpt holding, little-endian:
 * <pre>
 *   long  sequence            the message's inbound sequence in the recording pipeline
 *   long  receiveNanos        System.nanoTime() when the streamer published it
 *   long  receiveEpochNanos   the same instant on the wall clock, nanoseconds since 1970 UTC
 *   int   length              bytes that follow
 *   byte[length]              the message exactly as received
 * </pre>
 */
public final class JournalRecord
{
    /** Bytes of an excerpt before the message: sequence, two times and the length. */
    public static final int HEADER_BYTES = 8 + 8 + 8 + 4;

    long sequence;
    long receiveNanos;
    long receiveEpochNanos;
    byte[] bytes = new byte[2048];
    int length;

    /** The message's inbound sequence in the pipeline that recorded it. */
    public long sequence()
    {
        return sequence;
    }

    /** {@code System.nanoTime()} of the recording process when the message was received. */
    public long receiveNanos()
    {
        return receiveNanos;
    }

    /** When the message was received, on the wall clock: nanoseconds since 1970-01-01 UTC. */
    public long receiveEpochNanos()
    {
        return receiveEpochNanos;
    }

    /** The buffer holding the message from index 0; valid until the next read. */
    public byte[] bytes()
    {
        return bytes;
    }

    /** The message's length in bytes. */
    public int length()
    {
        return length;
    }

    /** The message as text (UTF-8). Allocates. */
    public String text()
    {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
