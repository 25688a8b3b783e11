package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessageClaim;
import io.ringstreamer.source.MessagePublisher;

/**
 * What an adapter publishes one server message through: the streamer's publisher, plus the one
 * {@link MessageClaim} that a {@link CanonicalWriter} may hold open to write its canonical message in
 * place (into the inbound ring's slot, so the publish copies nothing).
 *
 * <p>Only a publisher that {@linkplain MessagePublisher#claimsInPlace claims in place} (the pipeline's) is
 * asked for claims; with another, every message is written in its writer's buffer and published by copy,
 * as a claim of that publisher would only add an allocation and a copy.
 *
 * <p>The publisher allows one claim open at a time, and its next call aborts a claim left open. So the
 * first writer to start a message while no claim is open gets one; a writer that starts while another
 * holds it writes in its own buffer, published by copy. Before anything else reaches the publisher
 * through this object (a status, an error, another writer's message, another claim), the holder's
 * message is set aside ({@link CanonicalWriter#setAside}): nothing is lost, and each service's messages
 * keep their order. An adapter commits the holder first when it flushes its writers ({@link #commitHeld}),
 * so a server message whose data is of one service is written entirely in place (and, of a server message
 * that mixes services, the held service's message is published before the others').
 *
 * <p>Owned by the connection's reading thread, reused for every server message; allocates nothing.
 */
final class FrameOutput implements MessagePublisher
{
    /** Room claimed per byte of the server message, plus {@link #CLAIM_EXTRA}: a canonical message outgrowing it is set aside. */
    static final int CLAIM_PER_INPUT_BYTE = 2;
    static final int CLAIM_EXTRA = 256;

    private MessagePublisher target;
    /** Whether the target's claims are written in place: else a claim would only add a copy of its own. */
    private boolean inPlace;
    private int claimCapacity;
    private CanonicalWriter holder;

    /**
     * Starts a server message of {@code length} bytes published into {@code target}.
     *
     * @return this.
     */
    FrameOutput of(final MessagePublisher target, final int length)
    {
        this.target = target;
        this.inPlace = target.claimsInPlace();
        if (holder != null) // left by a message whose translation threw: forget it, never commit a stale claim
        {
            holder.clear(); // the publisher aborts the claim at its next call
            holder = null;
        }
        this.claimCapacity = (int)Math.min(Integer.MAX_VALUE, (long)length * CLAIM_PER_INPUT_BYTE + CLAIM_EXTRA);
        return this;
    }

    /** Forgets the previous connection (its writers are cleared by their adapter). */
    void reset()
    {
        holder = null;
        target = null;
    }

    /**
     * A claim for {@code writer}'s next message; null if another writer holds the one claim, or if the
     * publisher does not claim in place ({@link MessagePublisher#claimsInPlace}).
     */
    MessageClaim claimFor(final CanonicalWriter writer)
    {
        if (holder != null || !inPlace)
        {
            return null;
        }
        final MessageClaim claim = target.claim(claimCapacity);
        holder = writer;
        return claim;
    }

    /** {@code writer} commits its claim now, or has set it aside. */
    void released(final CanonicalWriter writer)
    {
        if (holder == writer)
        {
            holder = null;
        }
    }

    /** Publishes the message of the writer that holds the claim, if any: in place, no copy. */
    void commitHeld()
    {
        final CanonicalWriter held = holder;
        if (held != null)
        {
            held.flush(this);
        }
    }

    /** Who holds the claim now, or null. */
    CanonicalWriter holder()
    {
        return holder;
    }

    private void setAsideHeld()
    {
        final CanonicalWriter held = holder;
        if (held != null)
        {
            holder = null;
            held.setAside();
        }
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        setAsideHeld();
        return target.publish(source, offset, length, receiveNanos);
    }

    @Override
    public MessageClaim claim(final int capacity)
    {
        setAsideHeld();
        return target.claim(capacity);
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        setAsideHeld();
        return target.publishStatus(kind, code, message);
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        setAsideHeld();
        return target.publishError(kind, code, message);
    }

    @Override
    public boolean claimsInPlace()
    {
        return inPlace;
    }

    @Override
    public boolean isClosed()
    {
        return target.isClosed();
    }
}
