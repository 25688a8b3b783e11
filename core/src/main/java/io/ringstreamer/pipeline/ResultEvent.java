package io.ringstreamer.pipeline;

import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;

/**
 * A preallocated slot of the results ring, written by one shard thread and read by the administrator,
 * which hands it to the listener as a {@link BarView} or an {@link ErrorView}.
 */
final class ResultEvent implements BarView, ErrorView
{
    static final int BAR = 0;
    static final int ERROR = 1;
    static final int SHARD_END = 2;

    int type;
    String symbol;
    long sequence;
    long receiveNanos;
    long messageTimestamp;

    double open;
    double high;
    double low;
    double close;
    long volume;
    long barStartMillis;

    ErrorKind errorKind;
    final StringBuilder message = new StringBuilder(128);
    Throwable cause;

    void stamp(final int type, final String symbol, final long sequence, final long receiveNanos, final long timestamp)
    {
        this.type = type;
        this.symbol = symbol;
        this.sequence = sequence;
        this.receiveNanos = receiveNanos;
        this.messageTimestamp = timestamp;
        this.cause = null;
    }

    void error(final ErrorKind kind, final CharSequence text, final Throwable cause)
    {
        this.errorKind = kind;
        this.message.setLength(0);
        this.message.append(text);
        this.cause = cause;
    }

    @Override
    public String symbol()
    {
        return symbol;
    }

    @Override
    public double open()
    {
        return open;
    }

    @Override
    public double high()
    {
        return high;
    }

    @Override
    public double low()
    {
        return low;
    }

    @Override
    public double close()
    {
        return close;
    }

    @Override
    public long volume()
    {
        return volume;
    }

    @Override
    public long barStartMillis()
    {
        return barStartMillis;
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
    public ErrorKind kind()
    {
        return errorKind;
    }

    @Override
    public CharSequence message()
    {
        return message;
    }

    @Override
    public Throwable cause()
    {
        return cause;
    }

    @Override
    public String toString()
    {
        return type == BAR ? toBar().toString() : type == ERROR ? toError().toString() : "ShardEnd";
    }
}
