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
}
