package io.ringstreamer.source;

import java.util.Objects;

/**
 * {@link MessagePublisher#claim}'s default: a fresh array, published by copy on commit. Allocates
 * per claim; the pipeline's own publisher claims its ring slot instead. Used by the claiming thread.
 */
final class CopyingClaim implements MessageClaim
{
    private final MessagePublisher publisher;
    private final byte[] buffer;
    private boolean open = true;

    CopyingClaim(final MessagePublisher publisher, final int capacity)
    {
        this.publisher = publisher;
        this.buffer = new byte[capacity];
    }

    @Override
    public byte[] buffer()
    {
        return buffer;
    }

    @Override
    public int offset()
    {
        return 0;
    }

    @Override
    public int capacity()
    {
        return buffer.length;
    }

    @Override
    public long commit(final int length, final long receiveNanos)
    {
        close();
        Objects.checkFromIndexSize(0, length, buffer.length);
        return publisher.publish(buffer, 0, length, receiveNanos);
    }

    @Override
    public void abort()
    {
        close();
    }

    private void close()
    {
        if (!open)
        {
            throw new IllegalStateException("the claim was committed or aborted already");
        }
        open = false;
    }
}
