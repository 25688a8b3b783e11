package io.ringstreamer.pipeline;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

/**
 * A preallocated slot of the results ring: plain fields for every kind of result, written by one
 * shard thread between claim and publish, read by the administrator after, which hands it to the
 * listener through the view of its kind ({@link ResultViews}).
 */
final class ResultEvent
{
    static final int BAR = 0;
    static final int AGGREGATE_BAR = 1;
    static final int QUOTE = 2;
    static final int BOOK = 3;
    static final int TRADE = 4;
    static final int NEWS = 5;
    static final int CUSTOM = 6;
    static final int ERROR = 7;
    static final int SHARD_END = 8;
    static final int STATUS = 9;

    int type;
    String symbol;
    long sequence;
    long receiveNanos;
    long messageTimestamp;

    // Bars (1-minute and N-minute), and the last price of a quote.
    double open;
    double high;
    double low;
    double close;
    long volume;
    long startMillis;
    int minutes;
    int minuteCount;
    boolean partial;

    // Quotes.
    double bid;
    double ask;
    long bidSize;
    long askSize;
    long lastSize;
    long totalVolume;
    long quoteTimeMillis;
    long tradeTimeMillis;

    // Books, trades and news.
    long timeMillis;
    final double[] bidPrices;
    final long[] bidSizes;
    final double[] askPrices;
    final long[] askSizes;
    int bidCount;
    int askCount;
    double price;
    long size;
    long tradeSequence;
    long sessionVolume;
    double vwap;
    long tradeCount;
    final TextBuffer newsId = new TextBuffer();
    final TextBuffer headline = new TextBuffer();
    final TextBuffer source = new TextBuffer();

    // Custom results.
    int customKind;
    final double[] values = new double[io.ringstreamer.result.CustomView.MAX_VALUES];
    int valueCount;

    // Errors and statuses: the text is in message for both.
    ErrorKind errorKind;
    final StringBuilder message = new StringBuilder(128);
    Throwable cause;
    int code;
    /** For a {@code MessagesDropped} error: how many, and the first and last receive numbers; else 0, -1, -1. */
    long droppedCount;
    long firstDropped = -1;
    long lastDropped = -1;
    StatusKind statusKind;

    ResultEvent(final int bookDepth)
    {
        bidPrices = new double[bookDepth];
        bidSizes = new long[bookDepth];
        askPrices = new double[bookDepth];
        askSizes = new long[bookDepth];
    }

    void stamp(final int type, final String symbol, final long sequence, final long receiveNanos, final long timestamp)
    {
        this.type = type;
        this.symbol = symbol;
        this.sequence = sequence;
        this.receiveNanos = receiveNanos;
        this.messageTimestamp = timestamp;
        this.cause = null;
        this.code = 0;
    }

    void error(final ErrorKind kind, final CharSequence text, final Throwable cause)
    {
        this.type = ERROR;
        this.errorKind = kind;
        this.message.setLength(0);
        this.message.append(text);
        this.cause = cause;
        this.droppedCount = 0;
        this.firstDropped = -1;
        this.lastDropped = -1;
    }

    void status(final StatusKind kind, final int code)
    {
        this.type = STATUS;
        this.statusKind = kind;
        this.code = code;
        this.message.setLength(0);
    }
}
