package io.ringstreamer.delivery;

/**
 * One slot of the results ring: it holds a {@link ResultEvent} that a shard filled before it claimed the slot.
 * The shard swaps its filled event in and takes the slot's old one (which the administrator has finished with:
 * the ring gates the claim on it) to fill next, so a batch of results moves into the ring without a copy.
 *
 * <p>Threads: written by the shard that claimed the slot, read by the administrator after it is published.
 */
public final class ResultSlot
{
    private ResultEvent event;

    public ResultSlot(final int bookDepth)
    {
        this.event = new ResultEvent(bookDepth);
    }

    /** The result in this slot. */
    public ResultEvent event()
    {
        return event;
    }

    /** Puts {@code filled} in this slot and returns the event it held, now the caller's. */
    ResultEvent swap(final ResultEvent filled)
    {
        final ResultEvent previous = event;
        event = filled;
        return previous;
    }
}
