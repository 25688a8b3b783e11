package io.ringstreamer.delivery;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;

/**
 * A preallocated slot of the results ring: plain fields for every kind of result, written by one
 * shard thread between claim and publish, read by the administrator after, which hands it to the
 * listener through the view of its kind ({@link ResultViews}).
 */
public final class ResultEvent
{
    public static final int BAR = 0;
    public static final int AGGREGATE_BAR = 1;
    public static final int QUOTE = 2;
    public static final int BOOK = 3;
    public static final int TRADE = 4;
    public static final int NEWS = 5;
    public static final int CUSTOM = 6;
    public static final int ERROR = 7;
    public static final int SHARD_END = 8;
    public static final int STATUS = 9;

    int type;
    String symbol;
    long sequence;
    long receiveNanos;
    long messageTimestamp;

    // Bars (1-minute and N-minute), and the last price of a quote.
    public double open;
    public double high;
    public double low;
    public double close;
    public long volume;
    public long startMillis;
    public int minutes;
    public int minuteCount;
    public boolean partial;

    // Quotes.
    public double bid;
    public double ask;
    public long bidSize;
    public long askSize;
    public long lastSize;
    public long totalVolume;
    public long quoteTimeMillis;
    public long tradeTimeMillis;

    // Books, trades and news.
    public long timeMillis;
    public final double[] bidPrices;
    public final long[] bidSizes;
    public final double[] askPrices;
    public final long[] askSizes;
    public int bidCount;
    public int askCount;
    public double price;
    public long size;
    public long tradeSequence;
    public long sessionVolume;
    public double vwap;
    public long tradeCount;
    public final TextBuffer newsId = new TextBuffer();
    public final TextBuffer headline = new TextBuffer();
    public final TextBuffer source = new TextBuffer();

    // Custom results.
    public int customKind;
    public final double[] values = new double[io.ringstreamer.result.CustomView.MAX_VALUES];
    public int valueCount;

    // Errors and statuses: the text is in message for both.
    ErrorKind errorKind;
    public final StringBuilder message = new StringBuilder(128);
    Throwable cause;
    public int code;
    /** For a {@code MessagesDropped} error: how many, and the first and last receive numbers; else 0, -1, -1. */
    public long droppedCount;
    public long firstDropped = -1;
    public long lastDropped = -1;
    StatusKind statusKind;

    public ResultEvent(final int bookDepth)
    {
        bidPrices = new double[bookDepth];
        bidSizes = new long[bookDepth];
        askPrices = new double[bookDepth];
        askSizes = new long[bookDepth];
    }

    public void stamp(final int type, final String symbol, final long sequence, final long receiveNanos, final long timestamp)
    {
        this.type = type;
        this.symbol = symbol;
        this.sequence = sequence;
        this.receiveNanos = receiveNanos;
        this.messageTimestamp = timestamp;
        this.cause = null;
        this.code = 0;
    }

    public void error(final ErrorKind kind, final CharSequence text, final Throwable cause)
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

    public void status(final StatusKind kind, final int code)
    {
        this.type = STATUS;
        this.statusKind = kind;
        this.code = code;
        this.message.setLength(0);
    }
}
