package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessageClaim;
import io.ringstreamer.source.MessagePublisher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link MessagePublisher} test double that records, in order, a copy of every message, status and
 * error published through it (a test double of the interface: the real pipeline is exercised by the
 * end-to-end tests), and how each message came: written in a claim and committed, or published by copy.
 * Its claims follow the pipeline's rules: one open at a time, a claim left open when anything else is
 * called is abandoned (counted, published as nothing), the room handed out may be larger than asked
 * for ({@link #claimRoom}). One thread.
 */
final class RecordingPublisher implements MessagePublisher
{
    /** One published item: a message's bytes, or a status or error. */
    record Item(byte[] bytes, StatusKind status, ErrorKind error, int code, String message)
    {
        boolean isData()
        {
            return bytes != null;
        }

        String text()
        {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final List<Item> items = new ArrayList<>();
    private long sequence;
    /** Messages committed from a claim (written in place), and published by copy. */
    int committed;
    int copied;
    /** Claims aborted by their writer, and claims left open when something else was called. */
    int aborted;
    int abandoned;
    /** The room a claim hands out: at least what was asked for, or exactly this when positive. */
    int claimRoom;
    /** What {@link #claimsInPlace()} says; claims asked for so far. */
    boolean inPlace = true;
    int claims;
    private Claim open;

    List<byte[]> messages()
    {
        return items.stream().filter(Item::isData).map(Item::bytes).toList();
    }

    List<Item> statuses()
    {
        return items.stream().filter(item -> item.status() != null).toList();
    }

    List<Item> errors()
    {
        return items.stream().filter(item -> item.error() != null).toList();
    }

    void clear()
    {
        items.clear();
        committed = 0;
        copied = 0;
        aborted = 0;
        abandoned = 0;
    }

    private void abandonOpenClaim()
    {
        if (open != null)
        {
            open.closed = true;
            open = null;
            abandoned++;
        }
    }

    @Override
    public boolean claimsInPlace()
    {
        return inPlace;
    }

    @Override
    public MessageClaim claim(final int capacity)
    {
        abandonOpenClaim();
        claims++;
        open = new Claim(claimRoom > 0 ? claimRoom : capacity + 100);
        return open;
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        abandonOpenClaim();
        copied++;
        items.add(new Item(Arrays.copyOfRange(source, offset, offset + length), null, null, 0, null));
        return sequence++;
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        abandonOpenClaim();
        items.add(new Item(null, kind, null, code, message.toString()));
        return sequence++;
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        abandonOpenClaim();
        items.add(new Item(null, null, kind, code, message.toString()));
        return sequence++;
    }

    @Override
    public boolean isClosed()
    {
        return false;
    }

    /** A claim into a fresh array, at an offset inside it (as a ring slot is not at 0 of every buffer). */
    private final class Claim implements MessageClaim
    {
        private static final int OFFSET = 5;
        private final byte[] buffer;
        private boolean closed;

        Claim(final int room)
        {
            buffer = new byte[OFFSET + room + 3];
        }

        @Override
        public byte[] buffer()
        {
            return buffer;
        }

        @Override
        public int offset()
        {
            return OFFSET;
        }

        @Override
        public int capacity()
        {
            return buffer.length - OFFSET - 3;
        }

        @Override
        public long commit(final int length, final long receiveNanos)
        {
            close();
            if (length < 0 || length > capacity())
            {
                throw new IndexOutOfBoundsException(length + " outside " + capacity());
            }
            committed++;
            items.add(new Item(Arrays.copyOfRange(buffer, OFFSET, OFFSET + length), null, null, 0, null));
            return sequence++;
        }

        @Override
        public void abort()
        {
            close();
            aborted++;
        }

        private void close()
        {
            if (closed)
            {
                throw new IllegalStateException("committed, aborted or abandoned already");
            }
            closed = true;
            open = null;
        }
    }
}
