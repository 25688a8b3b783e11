package io.ringstreamer;

import io.ringstreamer.inbound.InboundEvent;
import io.ringstreamer.shard.SymbolTable;
import io.ringstreamer.shard.WorkerFactory;
import io.ringstreamer.source.Streamer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A pipeline's subscribed symbols and their numbers, changed from any thread: {@link Pipeline#subscribe} and
 * {@link Pipeline#unsubscribe} land here. Before {@link #start} a change edits the shards' tables directly;
 * from then on it goes to the shards as a control event in the inbound stream (through {@link Control}, the
 * drainer's queue) and the streamer is told; after {@link #end} it does nothing.
 *
 * <p>Every symbol ever seen keeps its number, hence its shard ({@code id % shards}); numbers are never reused.
 *
 * <p>Threads: every method from any thread. Changes are serialised by one lock, held briefly and off the hot
 * path, which never waits for ring room; {@link #symbols()} reads a snapshot without it.
 */
final class SubscriptionRegistry
{
    /** Where a change goes once the pipeline runs: the drainer's control queue, in stream order. */
    @FunctionalInterface
    interface Control
    {
        /** @param type {@link InboundEvent#SUBSCRIBE} or {@link InboundEvent#UNSUBSCRIBE}. */
        void enqueue(int type, String symbol, int symbolId);
    }

    private final Object lock = new Object();
    private final SymbolTable[] tables;
    private final WorkerFactory workers;
    private final Streamer streamer;
    private final Control control;
    private final BooleanSupplier publisherClosed;
    // Guarded by lock.
    private final Map<String, Integer> symbolIds = new HashMap<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private boolean live;
    private boolean ended;
    private volatile List<String> symbols;

    /**
     * Numbers {@code initial} in order and gives each a fresh worker in its shard's table.
     *
     * @param publisherClosed whether the stream has ended for publishers: a change then does nothing, even
     *                        before {@link #end} (which orders the registry with the end marker).
     */
    SubscriptionRegistry(
        final Collection<String> initial,
        final SymbolTable[] tables,
        final WorkerFactory workers,
        final Streamer streamer,
        final Control control,
        final BooleanSupplier publisherClosed)
    {
        this.tables = tables;
        this.workers = workers;
        this.streamer = streamer;
        this.control = control;
        this.publisherClosed = publisherClosed;
        for (final String symbol : initial)
        {
            if (subscribed.add(symbol))
            {
                final int id = symbolIds.size();
                symbolIds.put(symbol, id);
                tables[id % tables.length].put(workers.create(symbol, id, null));
            }
        }
        this.symbols = List.copyOf(subscribed);
    }

    /**
     * Under the lock, so no change interleaves: runs {@code before} (which may throw to refuse), tells the
     * streamer the symbols ({@link Streamer#subscribe}), runs {@code after} (which may throw too); then changes
     * go through {@link Control}. If anything throws, nothing changes here.
     */
    void start(final Runnable before, final Runnable after)
    {
        synchronized (lock)
        {
            before.run();
            streamer.subscribe(symbols);
            after.run();
            live = true;
        }
    }

    /** No change follows this one: the end marker can go into the ring after every control event. */
    void end()
    {
        synchronized (lock)
        {
            ended = true;
        }
    }

    /** @return whether any symbol was added. */
    boolean subscribe(final List<String> requested)
    {
        synchronized (lock)
        {
            if (ended || publisherClosed.getAsBoolean())
            {
                return false;
            }
            final List<String> added = new ArrayList<>(requested.size());
            for (final String symbol : requested)
            {
                if (subscribed.contains(symbol))
                {
                    continue;
                }
                final int id = symbolIds.computeIfAbsent(symbol, s -> symbolIds.size());
                if (live)
                {
                    control.enqueue(InboundEvent.SUBSCRIBE, symbol, id);
                }
                else
                {
                    tables[id % tables.length].put(workers.create(symbol, id, null));
                }
                subscribed.add(symbol);
                added.add(symbol);
            }
            changed(added, true);
            return !added.isEmpty();
        }
    }

    /** @return whether any symbol was removed. */
    boolean unsubscribe(final List<String> requested)
    {
        synchronized (lock)
        {
            if (ended || publisherClosed.getAsBoolean())
            {
                return false;
            }
            final List<String> removed = new ArrayList<>(requested.size());
            for (final String symbol : requested)
            {
                if (!subscribed.remove(symbol))
                {
                    continue;
                }
                final int id = symbolIds.get(symbol);
                if (live)
                {
                    control.enqueue(InboundEvent.UNSUBSCRIBE, symbol, id);
                }
                else
                {
                    tables[id % tables.length].remove(symbol);
                }
                removed.add(symbol);
            }
            changed(removed, false);
            return !removed.isEmpty();
        }
    }

    /** The subscribed symbols, in subscription order: an immutable snapshot, from any thread. */
    List<String> symbols()
    {
        return symbols;
    }

    /** A symbol's number, or -1 if it was never subscribed. */
    int idOf(final String symbol)
    {
        synchronized (lock)
        {
            return symbolIds.getOrDefault(Objects.requireNonNull(symbol, "symbol"), -1);
        }
    }

    /** Publishes the new set to {@link #symbols()} and, once live, tells the streamer. Under the lock. */
    private void changed(final List<String> changes, final boolean added)
    {
        if (changes.isEmpty())
        {
            return;
        }
        this.symbols = List.copyOf(subscribed);
        if (live)
        {
            final List<String> list = List.copyOf(changes);
            if (added)
            {
                streamer.subscribe(list);
            }
            else
            {
                streamer.unsubscribe(list);
            }
        }
    }
}
