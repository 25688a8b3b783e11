package io.ringstreamer.bench.harness;

import io.ringstreamer.testing.SyntheticBars;

import java.util.List;

/**
 * The benchmarks' data: {@value #SYMBOLS} subscribed symbols, seeded synthetic CHART_EQUITY messages
 * with a given number of symbols each, cycled.
 */
public final class Workload
{
    public static final int SYMBOLS = 64;
    public static final int DISTINCT_MESSAGES = 4096;
    public static final long SEED = 42;

    public final List<String> symbols;
    public final List<byte[]> messages;
    public final int symbolsPerMessage;

    public Workload(final int symbolsPerMessage)
    {
        this.symbolsPerMessage = symbolsPerMessage;
        this.symbols = SyntheticBars.symbols(SYMBOLS);
        this.messages = SyntheticBars.messages(symbols, symbolsPerMessage, DISTINCT_MESSAGES, SEED);
    }

    /** Results expected for {@code count} messages: every entry's symbol is subscribed. */
    public long expectedResults(final long count)
    {
        return count * symbolsPerMessage;
    }

    /**
     * Runs {@code count} messages, unpaced, through {@code design} and checks that every result came out.
     *
     * @return the results' checksum, for JMH to consume.
     */
    public long run(final Contender design, final int shards, final Work work, final long count) throws Exception
    {
        final ResultCounter results = new ResultCounter(null);
        design.run(symbols, shards, work, new Feed(messages, count, 0), results);
        if (results.results() != expectedResults(count))
        {
            throw new IllegalStateException(design.name() + " delivered " + results.results() + " results, expected " +
                expectedResults(count));
        }
        return results.checksum();
    }
}
