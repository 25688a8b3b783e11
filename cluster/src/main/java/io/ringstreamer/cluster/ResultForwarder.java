package io.ringstreamer.cluster;

import io.aeron.Publication;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker pipeline's listener: serialises each result into one frame of the result stream ({@link ClusterWire})
 * and offers it to the administrator, waiting while back-pressured (the worker's pipeline then waits too, and the
 * feed stream's flow control holds the feed). Carried: bars, aggregate bars, quotes, books, trades, headlines, custom
 * results, errors, statuses; a custom result about a symbol the feed never assigned is counted instead
 * ({@link #notCarried()}).
 *
 * <p>Each result gets an ordinal among the results of its key, the symbol (by the feed's id), or, for a result
 * about no symbol, this worker: the administrator drops an ordinal it has already delivered, which is what
 * makes a worker's replay from the start of the stream deliver nothing twice. Results about no symbol (a feed
 * status, a malformed message) are forwarded by worker 0 alone, since every worker sees them; a worker's own
 * stream failure is forwarded by every worker.
 *
 * <p>Threads: called by the pipeline's one delivering thread; {@link #close} from any thread.
 */
final class ResultForwarder implements ResultListener
{
    private final Publication publication;
    private final int worker;
    private final Map<String, Integer> ids;
    private final FeedSubscriptionStreamer source;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(512);
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    private final AtomicLong notCarried = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean closed;
    private final java.util.function.BooleanSupplier giveUp = () -> closed;
    private long[] ordinals = new long[64];
    private long streamOrdinal;
    private final StringBuilder workerNote = new StringBuilder(64);
    private Acknowledgements.Delivered delivered; // set before the pipeline starts
    private final AtomicLong suppressed = new AtomicLong();

    ResultForwarder(
        final Publication publication, final int worker, final Map<String, Integer> ids,
        final FeedSubscriptionStreamer source)
    {
        this.publication = publication;
        this.worker = worker;
        this.ids = ids;
        this.source = source;
    }

    @Override
    public void onBar(final BarView bar)
    {
        final int id = idOf(bar.symbol());
        if (id < 0)
        {
            return;
        }
        header(ClusterWire.R_BAR, id, 0, nextOrdinal(id), bar.sequence(), bar.messageTimestamp(), bar.receiveNanos());
        prices(bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.barStartMillis());
        send(ClusterWire.BAR_SYMBOL_OFFSET + ClusterWire.putSymbol(frame, ClusterWire.BAR_SYMBOL_OFFSET, bar.symbol()));
    }

    @Override
    public void onAggregateBar(final AggregateBarView bar)
    {
        final int id = idOf(bar.symbol());
        if (id < 0)
        {
            return;
        }
        header(ClusterWire.R_AGGREGATE_BAR, id, bar.minutes(), nextOrdinal(id), bar.sequence(), bar.messageTimestamp(),
            bar.receiveNanos());
        prices(bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.windowStartMillis());
        frame.putInt(ClusterWire.MINUTE_COUNT_OFFSET, bar.minuteCount());
        frame.putInt(ClusterWire.PARTIAL_OFFSET, bar.partial() ? 1 : 0);
        send(ClusterWire.AGGREGATE_SYMBOL_OFFSET +
            ClusterWire.putSymbol(frame, ClusterWire.AGGREGATE_SYMBOL_OFFSET, bar.symbol()));
    }

    @Override
    public void onError(final ErrorView error)
    {
        final String symbol = error.symbol();
        final int id;
        final long ordinal;
        if (symbol != null)
        {
            id = idOf(symbol);
            if (id < 0)
            {
                return;
            }
            ordinal = nextOrdinal(id);
        }
        else
        {
            final boolean own = error.kind() == ErrorKind.CONNECTION_ERROR || error.kind() == ErrorKind.STREAMER_FAILURE;
            if (worker != 0 && !own)
            {
                return;
            }
            id = -1;
            ordinal = streamOrdinal++;
        }
        header(ClusterWire.R_ERROR, id, error.kind().ordinal(), ordinal, error.sequence(), error.messageTimestamp(), 0);
        frame.putLong(ClusterWire.CODE_OFFSET, error.code());
        frame.putLong(ClusterWire.DROPPED_OFFSET, error.droppedCount());
        frame.putLong(ClusterWire.FIRST_DROPPED_OFFSET, error.firstDropped());
        frame.putLong(ClusterWire.LAST_DROPPED_OFFSET, error.lastDropped());
        send(note(symbol, error.message()));
    }

    @Override
    public void onStatus(final StatusView status)
    {
        final String symbol = status.symbol();
        final int id;
        final long ordinal;
        if (symbol != null)
        {
            id = idOf(symbol);
            if (id < 0)
            {
                return;
            }
            ordinal = nextOrdinal(id);
        }
        else if (status.kind() == StatusKind.SPILLING || status.kind() == StatusKind.CAUGHT_UP)
        {
            // This worker's own pipeline fell behind (or caught up): from every worker, named, never deduped (a
            // replay after a restart need not spill alike).
            header(ClusterWire.R_STATUS, ClusterWire.WORKER_OWN, status.kind().ordinal(), 0, status.sequence(), 0, 0);
            frame.putLong(ClusterWire.CODE_OFFSET, status.code());
            frame.putLong(ClusterWire.DROPPED_OFFSET, 0);
            frame.putLong(ClusterWire.FIRST_DROPPED_OFFSET, -1);
            frame.putLong(ClusterWire.LAST_DROPPED_OFFSET, -1);
            workerNote.setLength(0);
            workerNote.append("worker ").append(worker).append(": ").append(status.message());
            send(note(null, workerNote));
            return;
        }
        else
        {
            if (worker != 0)
            {
                return;
            }
            id = -1;
            ordinal = streamOrdinal++;
        }
        header(ClusterWire.R_STATUS, id, status.kind().ordinal(), ordinal, status.sequence(), 0, 0);
        frame.putLong(ClusterWire.CODE_OFFSET, status.code());
        frame.putLong(ClusterWire.DROPPED_OFFSET, 0);
        frame.putLong(ClusterWire.FIRST_DROPPED_OFFSET, -1);
        frame.putLong(ClusterWire.LAST_DROPPED_OFFSET, -1);
        send(note(symbol, status.message()));
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        final int id = idOf(quote.symbol());
        if (id < 0)
        {
            return;
        }
        header(ClusterWire.R_QUOTE, id, 0, nextOrdinal(id), quote.sequence(), quote.messageTimestamp(), quote.receiveNanos());
        frame.putDouble(ClusterWire.BID_OFFSET, quote.bid());
        frame.putDouble(ClusterWire.ASK_OFFSET, quote.ask());
        frame.putDouble(ClusterWire.LAST_OFFSET, quote.last());
        frame.putLong(ClusterWire.BID_SIZE_OFFSET, quote.bidSize());
        frame.putLong(ClusterWire.ASK_SIZE_OFFSET, quote.askSize());
        frame.putLong(ClusterWire.LAST_SIZE_OFFSET, quote.lastSize());
        frame.putLong(ClusterWire.TOTAL_VOLUME_OFFSET, quote.totalVolume());
        frame.putLong(ClusterWire.QUOTE_TIME_OFFSET, quote.quoteTimeMillis());
        frame.putLong(ClusterWire.TRADE_TIME_OFFSET, quote.tradeTimeMillis());
        send(ClusterWire.QUOTE_SYMBOL_OFFSET + ClusterWire.putSymbol(frame, ClusterWire.QUOTE_SYMBOL_OFFSET, quote.symbol()));
    }

    @Override
    public void onBook(final BookView book)
    {
        final int id = idOf(book.symbol());
        if (id < 0)
        {
            return;
        }
        final int bids = book.bidLevels();
        final int asks = book.askLevels();
        header(ClusterWire.R_BOOK, id, 0, nextOrdinal(id), book.sequence(), book.messageTimestamp(), book.receiveNanos());
        frame.checkLimit(ClusterWire.B_LEVELS_OFFSET + ClusterWire.LEVEL_LENGTH * (bids + asks) + 1 + ClusterWire.MAX_SYMBOL_LENGTH);
        frame.putLong(ClusterWire.B_TIME_OFFSET, book.timeMillis());
        frame.putInt(ClusterWire.B_BID_LEVELS_OFFSET, bids);
        frame.putInt(ClusterWire.B_ASK_LEVELS_OFFSET, asks);
        int at = ClusterWire.B_LEVELS_OFFSET;
        for (int level = 0; level < bids; level++, at += ClusterWire.LEVEL_LENGTH)
        {
            frame.putDouble(at, book.bidPrice(level));
            frame.putLong(at + 8, book.bidSize(level));
        }
        for (int level = 0; level < asks; level++, at += ClusterWire.LEVEL_LENGTH)
        {
            frame.putDouble(at, book.askPrice(level));
            frame.putLong(at + 8, book.askSize(level));
        }
        send(at + ClusterWire.putSymbol(frame, at, book.symbol()));
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        final int id = idOf(trade.symbol());
        if (id < 0)
        {
            return;
        }
        header(ClusterWire.R_TRADE, id, 0, nextOrdinal(id), trade.sequence(), trade.messageTimestamp(), trade.receiveNanos());
        frame.putLong(ClusterWire.T_TIME_OFFSET, trade.timeMillis());
        frame.putDouble(ClusterWire.T_PRICE_OFFSET, trade.price());
        frame.putLong(ClusterWire.T_SIZE_OFFSET, trade.size());
        frame.putLong(ClusterWire.T_SEQUENCE_OFFSET, trade.tradeSequence());
        frame.putLong(ClusterWire.T_SESSION_VOLUME_OFFSET, trade.sessionVolume());
        frame.putDouble(ClusterWire.T_VWAP_OFFSET, trade.vwap());
        frame.putLong(ClusterWire.T_COUNT_OFFSET, trade.tradeCount());
        send(ClusterWire.TRADE_SYMBOL_OFFSET + ClusterWire.putSymbol(frame, ClusterWire.TRADE_SYMBOL_OFFSET, trade.symbol()));
    }

    @Override
    public void onNews(final NewsView news)
    {
        final int id = idOf(news.symbol());
        if (id < 0)
        {
            return;
        }
        header(ClusterWire.R_NEWS, id, 0, nextOrdinal(id), news.sequence(), news.messageTimestamp(), news.receiveNanos());
        frame.checkLimit(ClusterWire.NEWS_SYMBOL_OFFSET + 1 + ClusterWire.MAX_SYMBOL_LENGTH + 12 +
            ClusterWire.maxTextLength(news.id()) + ClusterWire.maxTextLength(news.headline()) +
            ClusterWire.maxTextLength(news.source()));
        frame.putLong(ClusterWire.N_TIME_OFFSET, news.timeMillis());
        int at = ClusterWire.NEWS_SYMBOL_OFFSET + ClusterWire.putSymbol(frame, ClusterWire.NEWS_SYMBOL_OFFSET, news.symbol());
        at += ClusterWire.putSizedText(frame, at, news.id());
        at += ClusterWire.putSizedText(frame, at, news.headline());
        at += ClusterWire.putSizedText(frame, at, news.source());
        send(at);
    }

    @Override
    public void onCustom(final CustomView result)
    {
        final int id = idOf(result.symbol());
        if (id < 0)
        {
            notCarried.incrementAndGet();
            return;
        }
        header(ClusterWire.R_CUSTOM, id, result.kind(), nextOrdinal(id), result.sequence(), result.messageTimestamp(),
            result.receiveNanos());
        final int count = result.valueCount();
        frame.putInt(ClusterWire.C_COUNT_OFFSET, count);
        for (int i = 0; i < count; i++)
        {
            frame.putDouble(ClusterWire.C_VALUES_OFFSET + 8 * i, result.value(i));
        }
        final int symbolAt = ClusterWire.customSymbolOffset(count);
        send(symbolAt + ClusterWire.putSymbol(frame, symbolAt, result.symbol()));
    }

    /** The pipeline has ended: {@code WORKER_END}, with the feed's end error if there was one. */
    @Override
    public void onEndOfStream()
    {
        header(ClusterWire.R_WORKER_END, -1, source.endKind(), streamOrdinal, -1, 0, 0);
        frame.putLong(ClusterWire.CODE_OFFSET, 0);
        frame.putLong(ClusterWire.DROPPED_OFFSET, 0);
        frame.putLong(ClusterWire.FIRST_DROPPED_OFFSET, -1);
        frame.putLong(ClusterWire.LAST_DROPPED_OFFSET, -1);
        send(note(null, source.endText()));
        ended.countDown();
    }

    /** Whether {@code WORKER_END} has been offered. */
    boolean awaitEnded(final java.time.Duration timeout) throws InterruptedException
    {
        return ended.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A restarted worker's: results the administrator has acknowledged as delivered are not sent again (they are
     * counted, {@link #suppressed()}). Before the pipeline starts.
     */
    void suppress(final Acknowledgements.Delivered delivered)
    {
        this.delivered = delivered;
    }

    /** Results not sent because the administrator had acknowledged them; from any thread. */
    long suppressed()
    {
        return suppressed.get();
    }

    /** Custom results about no symbol the feed assigned, which this forwarder cannot key; from any thread. */
    long notCarried()
    {
        return notCarried.get();
    }

    /** A send waiting for room gives up (the administrator has gone and the worker is closing). */
    void close()
    {
        closed = true;
    }

    private int idOf(final String symbol)
    {
        final Integer id = ids.get(symbol); // no allocation: the map holds the boxed ids
        return id == null ? -1 : id;
    }

    private long nextOrdinal(final int id)
    {
        if (id >= ordinals.length)
        {
            ordinals = Arrays.copyOf(ordinals, Math.max(id + 1, ordinals.length * 2));
        }
        return ordinals[id]++;
    }

    private void header(
        final int type, final int symbolId, final int kind, final long ordinal, final long sequence, final long timestamp,
        final long receiveNanos)
    {
        final MutableDirectBuffer out = frame;
        out.putInt(0, type);
        out.putInt(ClusterWire.R_WORKER_OFFSET, worker);
        out.putInt(ClusterWire.R_SYMBOL_ID_OFFSET, symbolId);
        out.putInt(ClusterWire.R_KIND_OFFSET, kind);
        out.putLong(ClusterWire.R_ORDINAL_OFFSET, ordinal);
        out.putLong(ClusterWire.R_SEQUENCE_OFFSET, sequence);
        out.putLong(ClusterWire.R_TIMESTAMP_OFFSET, timestamp);
        out.putLong(ClusterWire.R_RECEIVE_OFFSET, receiveNanos);
    }

    private void prices(
        final double open, final double high, final double low, final double close, final long volume, final long startMillis)
    {
        frame.putDouble(ClusterWire.OPEN_OFFSET, open);
        frame.putDouble(ClusterWire.HIGH_OFFSET, high);
        frame.putDouble(ClusterWire.LOW_OFFSET, low);
        frame.putDouble(ClusterWire.CLOSE_OFFSET, close);
        frame.putLong(ClusterWire.VOLUME_OFFSET, volume);
        frame.putLong(ClusterWire.START_MILLIS_OFFSET, startMillis);
    }

    /** Symbol and text after an error's or a status's fixed fields; returns the frame's length. */
    private int note(final String symbol, final CharSequence text)
    {
        frame.checkLimit(ClusterWire.NOTE_SYMBOL_OFFSET + 1 + ClusterWire.MAX_SYMBOL_LENGTH + ClusterWire.maxTextLength(text));
        final int at = ClusterWire.NOTE_SYMBOL_OFFSET + ClusterWire.putSymbol(frame, ClusterWire.NOTE_SYMBOL_OFFSET, symbol);
        return at + ClusterWire.putText(frame, at, text);
    }

    private void send(final int length)
    {
        if (delivered != null && frame.getInt(0) != ClusterWire.R_WORKER_END)
        {
            final int id = frame.getInt(ClusterWire.R_SYMBOL_ID_OFFSET);
            final long ordinal = frame.getLong(ClusterWire.R_ORDINAL_OFFSET);
            if (id != ClusterWire.WORKER_OWN && ordinal < (id >= 0 ? delivered.symbol(id) : delivered.worker(worker)))
            {
                suppressed.lazySet(suppressed.get() + 1); // one writer: this thread
                return;
            }
        }
        FeedPublisher.offer(publication, frame, length, idle, giveUp);
    }
}
