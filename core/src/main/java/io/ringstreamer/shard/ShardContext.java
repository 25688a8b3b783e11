package io.ringstreamer.shard;

import io.ringstreamer.format.Service;
import io.ringstreamer.worker.BookState;
import io.ringstreamer.worker.EntryContext;
import io.ringstreamer.worker.LevelOneState;

/**
 * The shard's one {@link EntryContext}, rewritten by its {@link ShardHandler} before each entry and
 * read by the components it calls. Owned by the shard thread; allocates nothing.
 */
final class ShardContext implements EntryContext
{
    private SymbolWorker worker;
    private Service service;
    private long messageTimestamp;
    private long sequence;
    private long receiveNanos;
    private boolean rejected;

    /** Points the context at the next entry: {@code worker}'s, in the current message. */
    void entry(final SymbolWorker worker, final Service service, final long messageTimestamp, final long sequence,
               final long receiveNanos)
    {
        this.worker = worker;
        this.service = service;
        this.messageTimestamp = messageTimestamp;
        this.sequence = sequence;
        this.receiveNanos = receiveNanos;
        this.rejected = false;
    }

    /** The current entry was rejected (by the component running now, so the next ones see it). */
    void rejected()
    {
        rejected = true;
    }

    @Override
    public String symbol()
    {
        return worker.symbol();
    }

    @Override
    public Service service()
    {
        return service;
    }

    @Override
    public long messageTimestamp()
    {
        return messageTimestamp;
    }

    @Override
    public long sequence()
    {
        return sequence;
    }

    @Override
    public long receiveNanos()
    {
        return receiveNanos;
    }

    @Override
    public boolean rejectedEarlier()
    {
        return rejected;
    }

    @Override
    public LevelOneState levelOne()
    {
        return worker.levelOne();
    }

    @Override
    public BookState book()
    {
        return worker.book();
    }
}
