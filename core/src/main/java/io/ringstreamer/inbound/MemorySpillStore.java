package io.ringstreamer.inbound;

import io.ringstreamer.source.SpillStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The default {@link SpillStore}: a single-producer, single-consumer byte ring in heap chunks, bounded
 * by a byte budget. A chunk is allocated only when the writer needs one and the reader holds every chunk
 * there is; a chunk the reader has finished with is moved to where the writer goes next. So the store
 * grows to the largest backlog it has held (at most the budget), not to its budget, and once grown
 * allocates nothing more; it keeps those chunks until it is closed.
 *
 * <p>A record is a 40-byte header (length, type, code, payload length, receive time, two numbers) and
 * its payload, padded to 8 bytes; it never spans two chunks (the rest of a chunk that cannot hold the
 * next record is skipped by a padding record). The writer publishes its position with a release store
 * after writing a record, the reader its own after handing one over; each reads the other's with an
 * acquire load, so a record is complete when seen and its space is free when reused.
 */
public final class MemorySpillStore implements SpillStore
{
    public static final int HEADER_BYTES = 40;
    private static final int PADDING = -1;
    private static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    private static final VarHandle WRITE_POSITION;
    private static final VarHandle READ_POSITION;
    private static final VarHandle INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.nativeOrder());
    private static final VarHandle LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            WRITE_POSITION = lookup.findVarHandle(MemorySpillStore.class, "writePosition", long.class);
            READ_POSITION = lookup.findVarHandle(MemorySpillStore.class, "readPosition", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int chunkBytes;
    private final byte[][] chunks;
    private final long capacity;
    @SuppressWarnings("unused") // accessed through WRITE_POSITION
    private long writePosition;
    @SuppressWarnings("unused") // accessed through READ_POSITION
    private long readPosition;

    /**
     * @param budgetBytes     the most it may hold; rounded down to whole chunks, at least one.
     * @param maxPayloadBytes the longest payload it must take; a chunk holds at least one such record.
     */
    public MemorySpillStore(final long budgetBytes, final int maxPayloadBytes)
    {
        final long largest = align(HEADER_BYTES + (long)maxPayloadBytes);
        final long chunk = Math.max(largest, Math.min(DEFAULT_CHUNK_BYTES, align(budgetBytes)));
        if (chunk > 1 << 30)
        {
            throw new IllegalArgumentException("spill chunk too large: " + chunk);
        }
        this.chunkBytes = (int)chunk;
        final long count = Math.max(1, budgetBytes / chunkBytes);
        if (count > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("spill budget too large: " + budgetBytes);
        }
        this.chunks = new byte[(int)count][];
        this.capacity = count * chunkBytes;
    }

    @Override
    public boolean append(
        final int type, final int code, final long receiveNanos, final long first, final long second,
        final byte[] payload, final int offset, final int length)
    {
        final long position = (long)WRITE_POSITION.get(this); // only this thread writes it
        final int recordBytes = (int)align(HEADER_BYTES + (long)length);
        final int inChunk = (int)(position % chunkBytes);
        final int skip = inChunk + recordBytes > chunkBytes ? chunkBytes - inChunk : 0;
        if (recordBytes > chunkBytes ||
            position + skip + recordBytes - (long)READ_POSITION.getAcquire(this) > capacity)
        {
            return false;
        }
        if (skip > 0)
        {
            final byte[] chunk = chunkAt(position);
            putInt(chunk, inChunk, skip);
            putInt(chunk, inChunk + 4, PADDING);
        }
        final long start = position + skip;
        final byte[] chunk = chunkAt(start);
        final int at = (int)(start % chunkBytes);
        putInt(chunk, at, recordBytes);
        putInt(chunk, at + 4, type);
        putInt(chunk, at + 8, code);
        putInt(chunk, at + 12, length);
        putLong(chunk, at + 16, receiveNanos);
        putLong(chunk, at + 24, first);
        putLong(chunk, at + 32, second);
        System.arraycopy(payload, offset, chunk, at + HEADER_BYTES, length);
        WRITE_POSITION.setRelease(this, start + recordBytes);
        return true;
    }

    @Override
    public boolean read(final RecordHandler handler)
    {
        long position = (long)READ_POSITION.get(this); // only this thread writes it
        while (position != (long)WRITE_POSITION.getAcquire(this))
        {
            final byte[] chunk = chunks[chunkIndex(position)];
            final int at = (int)(position % chunkBytes);
            final int recordBytes = getInt(chunk, at);
            final int type = getInt(chunk, at + 4);
            if (type != PADDING)
            {
                handler.onRecord(type, getInt(chunk, at + 8), getLong(chunk, at + 16), getLong(chunk, at + 24),
                    getLong(chunk, at + 32), chunk, at + HEADER_BYTES, getInt(chunk, at + 12));
                READ_POSITION.setRelease(this, position + recordBytes);
                return true;
            }
            position += recordBytes;
            READ_POSITION.setRelease(this, position);
        }
        return false;
    }

    @Override
    public long bytesHeld()
    {
        return Math.max(0, (long)WRITE_POSITION.getAcquire(this) - (long)READ_POSITION.getAcquire(this));
    }

    @Override
    public long capacityBytes()
    {
        return capacity;
    }

    @Override
    public void close()
    {
        // heap chunks: the collector takes them with the store
    }

    private byte[] chunkAt(final long position)
    {
        final int index = chunkIndex(position);
        byte[] chunk = chunks[index];
        if (chunk == null)
        {
            chunk = reclaim(position);
            chunks[index] = chunk; // seen by the reader through the release of the write position
        }
        return chunk;
    }

    /**
     * A chunk for the writer entering a slot it has not used: one the reader has finished with, moved from
     * its slot (nearest the reader first), or a new one when every chunk is still held. The slots behind
     * the reader's chunk and ahead of the writer's are ones neither reads until the writer comes round to
     * them again, and it fills each slot it reaches, so the store holds as many chunks as its largest
     * backlog needed, not its budget. Once per chunk of traffic, on the writer's thread.
     */
    private byte[] reclaim(final long position)
    {
        final long writing = position / chunkBytes;
        final long reading = (long)READ_POSITION.getAcquire(this) / chunkBytes;
        for (long free = reading - 1; free >= 0 && free > writing - chunks.length; free--)
        {
            final int index = (int)(free % chunks.length);
            final byte[] chunk = chunks[index];
            if (chunk != null)
            {
                chunks[index] = null;
                return chunk;
            }
        }
        return new byte[chunkBytes]; // the backlog is larger than ever before: the store grows by a chunk
    }

    private int chunkIndex(final long position)
    {
        return (int)((position / chunkBytes) % chunks.length);
    }

    private static long align(final long bytes)
    {
        return (bytes + 7) & ~7L;
    }

    private static void putInt(final byte[] chunk, final int at, final int value)
    {
        INT.set(chunk, at, value);
    }

    private static void putLong(final byte[] chunk, final int at, final long value)
    {
        LONG.set(chunk, at, value);
    }

    private static int getInt(final byte[] chunk, final int at)
    {
        return (int)INT.get(chunk, at);
    }

    private static long getLong(final byte[] chunk, final int at)
    {
        return (long)LONG.get(chunk, at);
    }
}
