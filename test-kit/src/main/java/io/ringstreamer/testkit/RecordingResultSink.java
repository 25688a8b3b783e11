package io.ringstreamer.testkit;

import io.ringstreamer.format.Service;
import io.ringstreamer.result.AggregateBar;
import io.ringstreamer.result.Bar;
import io.ringstreamer.result.Book;
import io.ringstreamer.result.CustomResult;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.News;
import io.ringstreamer.result.Quote;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.result.Trade;
import io.ringstreamer.worker.BookState;
import io.ringstreamer.worker.EntryContext;
import io.ringstreamer.worker.LevelOneState;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.worker.Validation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ResultSink} that records a copy of everything a component publishes, for a test that calls the
 * component itself. Each result is stamped with the symbol and sequence last set by {@link #entry}, and is the
 * record the pipeline's listener would get from the view's {@code to...()} method: a rejection or a flag is a
 * {@link StreamError} (of the rejection's kind, or {@link ErrorKind#FLAGGED_ENTRY}), a book is cut to the book
 * depth, a headline's texts are decoded from JSON. It checks its arguments as the pipeline's sink does (a custom
 * result wider than {@link CustomView#MAX_VALUES}, book levels past their arrays and headline texts outside the
 * buffer throw), so a component that passes here does not fail there for that.
 *
 * <p>Threads: one thread publishes (as a shard thread does); another may read the results (see {@link Results}).
 * Unlike the pipeline's sink it allocates on every call.
 */
public final class RecordingResultSink extends Results implements ResultSink
{
    /** The pipeline's default book depth ({@code Pipeline.Builder.bookDepth}). */
    public static final int DEFAULT_BOOK_DEPTH = 10;

    private static final String TEXT_TOO_LONG = "text longer than " + MAX_TEXT_BYTES + " bytes";
    private static final String INVALID_UTF8 = "text is not valid UTF-8";

    private final Validation validation;
    private final int bookDepth;
    private String symbol;
    private long sequence;
    private final Context context = new Context();

    /** A sink that validates with {@link Validation#REJECT}, with the default book depth. */
    public RecordingResultSink()
    {
        this(Validation.REJECT, DEFAULT_BOOK_DEPTH);
    }

    /**
     * @param validation what {@link #validation()} returns.
     * @param bookDepth  how many levels of each side a book keeps (at least 1).
     */
    public RecordingResultSink(final Validation validation, final int bookDepth)
    {
        this.validation = Objects.requireNonNull(validation, "validation");
        if (bookDepth < 1)
        {
            throw new IllegalArgumentException("bookDepth must be at least 1: " + bookDepth);
        }
        this.bookDepth = bookDepth;
    }

    /**
     * Stamps the results published from now on with this symbol and inbound sequence, as the pipeline stamps a
     * result with the entry's symbol and its message's sequence.
     *
     * @return this sink.
     */
    public RecordingResultSink entry(final String symbol, final long sequence)
    {
        this.symbol = symbol;
        this.sequence = sequence;
        return this;
    }

    /**
     * Stamps as {@link #entry(String, long)} does, and sets what {@link #context()} tells a component about the
     * entry: its service and message timestamp ({@code receiveNanos} reads 0, {@code rejectedEarlier} false, and
     * the built-in states read {@link LevelOneState#NONE} and {@link BookState#NONE}: one component runs alone).
     *
     * @return this sink.
     */
    public RecordingResultSink entry(final String symbol, final long sequence, final Service service,
        final long messageTimestamp)
    {
        context.service = service;
        context.messageTimestamp = messageTimestamp;
        return entry(symbol, sequence);
    }

    /** What the component is told about the entry; set with {@link #entry(String, long, Service, long)}. */
    @Override
    public EntryContext context()
    {
        return context;
    }

    /** The context of the entry being processed: read from this sink's stamps. */
    private final class Context implements EntryContext
    {
        Service service;
        long messageTimestamp;

        @Override
        public String symbol()
        {
            return symbol;
        }

        @Override
        public Service service()
        {
            return service;
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
            return 0;
        }

        @Override
        public boolean rejectedEarlier()
        {
            return false;
        }

        @Override
        public LevelOneState levelOne()
        {
            return LevelOneState.NONE;
        }

        @Override
        public BookState book()
        {
            return BookState.NONE;
        }
    }

    /** The symbol results are stamped with now. */
    public String symbol()
    {
        return symbol;
    }

    /** The sequence results are stamped with now. */
    public long sequence()
    {
        return sequence;
    }

    @Override
    public void bar(final double open, final double high, final double low, final double close, final long volume,
                    final long barStartMillis)
    {
        add(new Bar(symbol, open, high, low, close, volume, barStartMillis, sequence));
    }

    @Override
    public void aggregateBar(final int minutes, final double open, final double high, final double low,
                             final double close, final long volume, final long windowStartMillis,
                             final int minuteCount, final boolean partial)
    {
        add(new AggregateBar(symbol, minutes, open, high, low, close, volume, windowStartMillis, minuteCount, partial,
            sequence));
    }

    @Override
    public void quote(final double bid, final double ask, final double last, final long bidSize, final long askSize,
                      final long lastSize, final long totalVolume, final long quoteTimeMillis,
                      final long tradeTimeMillis)
    {
        add(new Quote(symbol, bid, ask, last, bidSize, askSize, lastSize, totalVolume, quoteTimeMillis,
            tradeTimeMillis, sequence));
    }

    @Override
    public void book(final long timeMillis, final double[] bidPrices, final long[] bidSizes, final int bidCount,
                     final double[] askPrices, final long[] askSizes, final int askCount)
    {
        if (bidCount < 0 || bidCount > bidPrices.length || bidCount > bidSizes.length ||
            askCount < 0 || askCount > askPrices.length || askCount > askSizes.length)
        {
            throw new IllegalArgumentException("book levels past their arrays: bidCount=" + bidCount + " askCount=" +
                askCount);
        }
        final int bids = Math.min(bidCount, bookDepth);
        final int asks = Math.min(askCount, bookDepth);
        final long[] bidsShown = Arrays.copyOf(bidSizes, bids);
        final long[] asksShown = Arrays.copyOf(askSizes, asks);
        final double spread = bids > 0 && asks > 0 ? askPrices[0] - bidPrices[0] : Double.NaN;
        final long bidTotal = Arrays.stream(bidsShown).sum();
        final long askTotal = Arrays.stream(asksShown).sum();
        final double imbalance = bidTotal + askTotal == 0 ? Double.NaN :
            (double)(bidTotal - askTotal) / (bidTotal + askTotal);
        add(new Book(symbol, timeMillis, Arrays.copyOf(bidPrices, bids), bidsShown, Arrays.copyOf(askPrices, asks),
            asksShown, spread, imbalance, sequence));
    }

    @Override
    public void trade(final long timeMillis, final double price, final long size, final long tradeSequence,
                      final long sessionVolume, final double vwap, final long tradeCount)
    {
        add(new Trade(symbol, timeMillis, price, size, tradeSequence, sessionVolume, vwap, tradeCount, sequence));
    }

    @Override
    public boolean news(final long timeMillis, final byte[] buffer, final int idOffset, final int idLength,
                        final int headlineOffset, final int headlineLength, final int sourceOffset,
                        final int sourceLength)
    {
        Objects.checkFromIndexSize(idOffset, idLength, buffer.length);
        Objects.checkFromIndexSize(headlineOffset, headlineLength, buffer.length);
        Objects.checkFromIndexSize(sourceOffset, sourceLength, buffer.length);
        if (idLength > MAX_TEXT_BYTES || headlineLength > MAX_TEXT_BYTES || sourceLength > MAX_TEXT_BYTES)
        {
            reject(ErrorKind.INVALID_ENTRY, TEXT_TOO_LONG);
            return false;
        }
        final String id = JsonStrings.decode(buffer, idOffset, idLength);
        final String headline = JsonStrings.decode(buffer, headlineOffset, headlineLength);
        final String source = JsonStrings.decode(buffer, sourceOffset, sourceLength);
        if (id == null || headline == null || source == null)
        {
            reject(ErrorKind.INVALID_ENTRY, INVALID_UTF8);
            return false;
        }
        add(new News(symbol, timeMillis, id, headline, source, sequence));
        return true;
    }

    @Override
    public void custom(final int kind, final double[] values, final int count)
    {
        if (count < 0 || count > CustomView.MAX_VALUES || count > values.length)
        {
            throw new IllegalArgumentException("a custom result carries at most " + CustomView.MAX_VALUES +
                " values, from an array that holds them: count=" + count + " of " + values.length);
        }
        add(new CustomResult(symbol, kind, Arrays.copyOf(values, count), sequence));
    }

    @Override
    public Validation validation()
    {
        return validation;
    }

    @Override
    public void flag(final String reason)
    {
        add(new StreamError(ErrorKind.FLAGGED_ENTRY, reason, symbol, sequence, null));
    }

    @Override
    public void reject(final ErrorKind kind, final String reason)
    {
        add(new StreamError(Objects.requireNonNull(kind, "kind"), reason, symbol, sequence, null));
    }
}
