package io.ringstreamer.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One journalled message, as a {@link JournalReader} reads it: a flyweight that the reader refills
 * with each {@link JournalReader#next()}; copy what you keep.
 *
 * <p>On disk each message is one record, and a Chronicle Queue excerpt holds one or more records in order (a
 * batch: see {@link ChronicleJournal}). A record holds, little-endian:
 * <pre>
 *   long  sequence            the message's inbound sequence in the recording pipeline
 *   long  receiveNanos        System.nanoTime() when the streamer published it
 *   long  receiveEpochNanos   the same instant on the wall clock, nanoseconds since 1970 UTC
 *   int   length              bytes of the message
 *   byte[length]              the message exactly as received
 *   int   checksum            CRC32C of the 28 header bytes above and the message
 * </pre>
 * A reader verifies every record's length and checksum before it hands the record out.
 */
public final class JournalRecord
{
    /** Bytes of a record before the message: sequence, two times and the length. */
    public static final int HEADER_BYTES = 8 + 8 + 8 + 4;
    /** Bytes of a record after the message: its CRC32C. */
    public static final int CHECKSUM_BYTES = 4;

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

    /**
     * Computes a record's checksum with {@code crc} and {@code header} (a {@value #HEADER_BYTES}-byte
     * little-endian buffer), both reused: allocates nothing.
     */
    static int checksum(final CRC32C crc, final ByteBuffer header, final long sequence, final long receiveNanos,
                        final long receiveEpochNanos, final byte[] message, final int offset, final int length)
    {
        header.putLong(0, sequence).putLong(8, receiveNanos).putLong(16, receiveEpochNanos).putInt(24, length);
        crc.reset();
        crc.update(header.array(), 0, HEADER_BYTES);
        crc.update(message, offset, length);
        return (int)crc.getValue();
    }

    /** A buffer for {@link #checksum}. */
    static ByteBuffer headerBuffer()
    {
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The message as text (UTF-8). Allocates. */
    public String text()
    {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
