package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.format.internal.Ascii;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The decoding and dispatch every baseline shares, step for step what ring-streamer's shard handler
 * does: one {@link CanonicalDecoder} and one {@link EntryView}, and one component per owned symbol
 * (symbol {@code i} of the subscription belongs to shard {@code i % shards}), created once.
 *
 * <p>Symbols are looked up by the entry's raw bytes in a small open-addressing table (FNV-1a, linear
 * probing: core's {@code SymbolTable}, which is package-private there), not by building a
 * {@code String} per entry, so that the baselines differ from ring-streamer only in how messages and
 * results move between threads.
 *
 * <p>Owned by one thread at a time, with its decoder and its components' state; each baseline says
 * which thread that is.
 */
final class SymbolShard
{
    private static final String NOT_AN_OBJECT = "entry is not a JSON object";

    private final CanonicalDecoder decoder = new CanonicalDecoder();
    private final EntryView entry = new EntryView();
    private final byte[][] keys;
    private final Component[] components;

    /**
     * @param symbols the subscription, in order; a symbol subscribed twice counts once.
     * @param shard   which shard this is, from 0.
     * @param shards  how many shards share the subscription.
     */
    SymbolShard(final List<String> symbols, final int shard, final int shards, final Work work)
    {
        final List<String> unique = List.copyOf(new LinkedHashSet<>(symbols)); // as ring-streamer numbers them
        final int owned = (unique.size() - shard + shards - 1) / shards;
        final int capacity = Integer.highestOneBit(Math.max(8, owned * 2) - 1) << 1;
        keys = new byte[capacity][];
        components = new Component[capacity];
        for (int id = shard; id < unique.size(); id += shards)
        {
            put(unique.get(id).getBytes(StandardCharsets.US_ASCII), work.newComponent());
        }
    }

    private void put(final byte[] key, final Component component)
    {
        final int mask = keys.length - 1;
        int slot = Ascii.hash(key, 0, key.length) & mask;
        while (keys[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        components[slot] = component;
    }

    private Component find(final byte[] buffer, final int offset, final int length)
    {
        final int mask = keys.length - 1;
        int slot = Ascii.hash(buffer, offset, length) & mask;
        byte[] key;
        while ((key = keys[slot]) != null)
        {
            if (Ascii.equals(key, buffer, offset, length))
            {
                return components[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /**
     * Decodes {@code bytes[0, length)} and gives each owned symbol's entry to its component, which
     * publishes to {@code out}. Entries of other symbols are skipped, and so are messages that are not
     * valid {@code CHART_EQUITY} envelopes.
     */
    void onMessage(final byte[] bytes, final int length, final ResultSink out)
    {
        final CanonicalDecoder decoder = this.decoder;
        if (!decoder.wrap(bytes, 0, length) || decoder.service() != Service.CHART_EQUITY)
        {
            return;
        }
        for (int i = 0, count = decoder.entryCount(); i < count; i++)
        {
            final Component component = find(bytes, decoder.symbolOffset(i), decoder.symbolLength(i));
            if (component == null)
            {
                continue; // another shard's symbol, or not subscribed
            }
            if (!decoder.entry(i, entry).isObject())
            {
                out.reject(ErrorKind.INVALID_ENTRY, NOT_AN_OBJECT);
                continue;
            }
            component.onEntry(entry, out);
        }
    }
}
