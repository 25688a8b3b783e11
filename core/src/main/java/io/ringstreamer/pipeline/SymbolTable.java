package io.ringstreamer.pipeline;

import io.ringstreamer.format.Ascii;
import io.ringstreamer.worker.SymbolWorker;

import java.nio.charset.StandardCharsets;

/**
 * One shard's symbols: finds the worker for a symbol given as raw bytes, without allocating.
 * Open addressing with linear probing over FNV-1a hashes; owned by the shard thread.
 */
final class SymbolTable
{
    private byte[][] keys;
    private SymbolWorker[] workers;
    private int size;

    SymbolTable(final int expected)
    {
        final int capacity = Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1;
        keys = new byte[capacity][];
        workers = new SymbolWorker[capacity];
    }

    void put(final SymbolWorker worker)
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
                workers[slot] = worker;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        workers[slot] = worker;
        size++;
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
