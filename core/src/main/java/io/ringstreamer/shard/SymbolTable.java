package io.ringstreamer.shard;

import io.ringstreamer.format.internal.Ascii;

import java.nio.charset.StandardCharsets;

/**
 * One shard's symbols: finds the worker for a symbol given as raw bytes, or by its id, without
 * allocating. Open addressing with linear probing over FNV-1a hashes, and an array by id; owned by the
 * shard thread (before start, by the thread building the pipeline).
 *
 * <p>{@link #remove} uses backward-shift deletion: no tombstones, so a look-up stops at the first
 * empty slot however many symbols have come and gone. {@link #put} and {@link #remove} allocate (the
 * key's bytes, a resize); they run only when a symbol is subscribed or unsubscribed, never per message.
 */
public final class SymbolTable
{
    private byte[][] keys;
    private SymbolWorker[] workers;
    /** The same workers by symbol id (ids are small and dense: numbers in subscription order). */
    private SymbolWorker[] byId = new SymbolWorker[8];
    private int size;

    public SymbolTable(final int expected)
    {
        final int capacity = Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1;
        keys = new byte[capacity][];
        workers = new SymbolWorker[capacity];
    }

    /** Adds {@code worker} under its symbol, replacing any worker already there. */
    public void put(final SymbolWorker worker)
    {
        if ((size + 1) * 2 > keys.length)
        {
            resize();
        }
        final byte[] key = worker.symbol().getBytes(StandardCharsets.US_ASCII);
        final int mask = keys.length - 1;
        int slot = Ascii.hash(key, 0, key.length) & mask;
        while (keys[slot] != null)
        {
            if (Ascii.equals(keys[slot], key, 0, key.length))
            {
                clearId(workers[slot]);
                workers[slot] = worker;
                putId(worker);
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        workers[slot] = worker;
        putId(worker);
        size++;
    }

    private void putId(final SymbolWorker worker)
    {
        final int id = worker.symbolId();
        if (id >= 0)
        {
            if (id >= byId.length)
            {
                byId = java.util.Arrays.copyOf(byId, Math.max(byId.length * 2, id + 1));
            }
            byId[id] = worker;
        }
    }

    private void clearId(final SymbolWorker worker)
    {
        final int id = worker.symbolId();
        if (id >= 0 && id < byId.length && byId[id] == worker)
        {
            byId[id] = null;
        }
    }

    /** @return the worker for {@code buffer[offset, offset + length)}, or {@code null} if not owned here. */
    SymbolWorker find(final byte[] buffer, final int offset, final int length)
    {
        final int mask = keys.length - 1;
        int slot = Ascii.hash(buffer, offset, length) & mask;
        byte[] key;
        while ((key = keys[slot]) != null)
        {
            if (Ascii.equals(key, buffer, offset, length))
            {
                return workers[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** @return the worker with symbol id {@code id}, or {@code null} if not owned here (or negative). */
    SymbolWorker byId(final int id)
    {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /**
     * @return the id of the symbol in {@code buffer[offset, offset + length)}, or -1 if it is not here.
     */
    int idOf(final byte[] buffer, final int offset, final int length)
    {
        final SymbolWorker worker = find(buffer, offset, length);
        return worker != null ? worker.symbolId() : -1;
    }

    /**
     * Removes {@code symbol}'s worker, then shifts back each following entry of the probe run that may
     * move closer to its home slot, so that every remaining key stays reachable from its home.
     *
     * @return the removed worker, or {@code null} if the symbol was not here.
     */
    public SymbolWorker remove(final String symbol)
    {
        final byte[] key = symbol.getBytes(StandardCharsets.US_ASCII);
        final int mask = keys.length - 1;
        int hole = Ascii.hash(key, 0, key.length) & mask;
        while (keys[hole] != null && !Ascii.equals(keys[hole], key, 0, key.length))
        {
            hole = (hole + 1) & mask;
        }
        if (keys[hole] == null)
        {
            return null;
        }
        final SymbolWorker removed = workers[hole];
        clearId(removed);
        keys[hole] = null;
        workers[hole] = null;
        size--;
        int next = (hole + 1) & mask;
        while (keys[next] != null)
        {
            final int home = Ascii.hash(keys[next], 0, keys[next].length) & mask;
            // The entry at 'next' may fill the hole unless its home lies cyclically in (hole, next].
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                keys[hole] = keys[next];
                workers[hole] = workers[next];
                keys[next] = null;
                workers[next] = null;
                hole = next;
            }
            next = (next + 1) & mask;
        }
        return removed;
    }

    /** How many symbols the table holds. */
    int size()
    {
        return size;
    }

    /** Calls {@code action} for every worker, in table order. Shard thread. */
    void forEach(final java.util.function.Consumer<SymbolWorker> action)
    {
        for (final SymbolWorker worker : workers)
        {
            if (worker != null)
            {
                action.accept(worker);
            }
        }
    }

    private void resize()
    {
        final SymbolWorker[] old = workers;
        keys = new byte[keys.length * 2][];
        workers = new SymbolWorker[keys.length];
        size = 0;
        for (final SymbolWorker worker : old)
        {
            if (worker != null)
            {
                put(worker);
            }
        }
    }
}
