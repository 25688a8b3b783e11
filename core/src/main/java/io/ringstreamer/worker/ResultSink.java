package io.ringstreamer.worker;

import io.ringstreamer.result.ErrorKind;

/**
 * Where a {@link Component} publishes results. Each call copies the values into the next slot of the
 * results ring, stamped with the current symbol, message sequence, timestamp and receive time; it
 * blocks only while the results ring is full. Called on the shard thread; allocates nothing.
 */
public interface ResultSink
{
    /** Publishes a 1-minute bar. */
    void bar(double open, double high, double low, double close, long volume, long barStartMillis);

    /** Publishes an N-minute bar. */
    void aggregateBar(int minutes, double open, double high, double low, double close, long volume,
                      long windowStartMillis, int minuteCount, boolean partial);

    /** Publishes a Level 1 quote (unknown prices {@code NaN}, unknown sizes and times -1). */
    void quote(double bid, double ask, double last, long bidSize, long askSize, long lastSize, long totalVolume,
               long quoteTimeMillis, long tradeTimeMillis);

    /**
     * Publishes a Level 2 book: the first {@code min(count, depth)} levels of each side (best first) are
     * copied, {@code depth} being the pipeline's configured book depth.
     */
    void book(long timeMillis, double[] bidPrices, long[] bidSizes, int bidCount,
              double[] askPrices, long[] askSizes, int askCount);

    /** Publishes a trade print with the session's statistics after it. */
    void trade(long timeMillis, double price, long size, long tradeSequence, long sessionVolume, double vwap,
               long tradeCount);

    /**
     * Publishes a headline. The texts are raw JSON string contents (between the quotes) in
     * {@code buffer}; the slot decodes UTF-8 and escapes into its own buffers.
     *
     * @return {@code false} (and publishes an {@code InvalidEntry} error instead) if a text is not
     * valid UTF-8 or longer than {@link #MAX_TEXT_BYTES}.
     * @throws IndexOutOfBoundsException if a text lies outside {@code buffer} (nothing is published).
     */
    boolean news(long timeMillis, byte[] buffer, int idOffset, int idLength, int headlineOffset, int headlineLength,
                 int sourceOffset, int sourceLength);

    /** Longest text of a headline result (id, headline or source), in UTF-8 bytes as received. */
    int MAX_TEXT_BYTES = 4096;

    /**
     * Publishes a result of a user component: {@code kind} is the component's own number, and the
     * first {@code count} (at most {@link io.ringstreamer.result.CustomView#MAX_VALUES}) of
     * {@code values} are copied.
     */
    void custom(int kind, double[] values, int count);

    /**
     * The current entry's context: its symbol, service, message timestamp, inbound sequence, receive
     * time, whether an earlier component rejected it, and the symbol's built-in state. A per-shard
     * flyweight, valid only during the {@link Component#onEntry} call it is read in.
     *
     * @throws UnsupportedOperationException from a sink that has none (this default: a test double
     *                                       that does not provide one); the pipeline's sink always has one.
     */
    default EntryContext context()
    {
        throw new UnsupportedOperationException("this ResultSink has no entry context");
    }

    /** How strictly the pipeline validates: whether a component rejects or flags an entry that fails a sanity check. */
    Validation validation();

    /**
     * Flags the current entry (under {@link Validation#FLAG}): publishes a {@code FlaggedEntry} error for
     * the current symbol; the component then publishes the entry's result as usual.
     *
     * @param reason a constant text, so that flagging allocates nothing.
     */
    void flag(String reason);

    /**
     * Rejects the current entry: publishes an error of {@code kind} for the current symbol.
     *
     * @param reason a constant or otherwise preallocated text, so that rejecting allocates nothing.
     */
    void reject(ErrorKind kind, String reason);
}
