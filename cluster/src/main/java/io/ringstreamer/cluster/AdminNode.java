package io.ringstreamer.cluster;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ListenerErrorHandler;
import io.ringstreamer.result.CustomView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultKind;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.StatusView;
import io.ringstreamer.result.TradeView;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The administrator node: receives every worker's results from the result stream and calls the user's listener
 * on its one thread.
 *
 * <ul>
 *   <li>Per-symbol order: a symbol is owned by one worker, whose results come in one Aeron image, in order.</li>
 *   <li>Errors are results: they reach {@link ResultListener#onError}.</li>
 *   <li>Nothing twice: each result carries its ordinal among its symbol's results (or, about no symbol, among its
 *   worker's); an ordinal already delivered is dropped and counted ({@link #duplicates()}). A worker that replays the
 *   stream from its start after a restart so delivers only what is new.</li>
 *   <li>A worker from which nothing (not even a heartbeat) has come for {@code heartbeatTimeout}, or that has not been
 *   heard at all within {@code joinTimeout} of {@link #start}, is reported once as a {@code ConnectionLost} error
 *   (symbol null, code the worker's number) and counts as ended.</li>
 *   <li>The stream ends when every worker has ended or been reported: the feed's end error, if any (as a
 *   single-process pipeline delivers it), then {@link ResultListener#onEndOfStream()}, then the thread ends.</li>
 * </ul>
 *
 * <p>Threads: {@link #start}, {@link #awaitEnd} and {@link #close} from any thread; the listener is called on the
 * administrator's thread only. Nothing is allocated per result once each symbol's name has been seen.
 */
public final class AdminNode implements AutoCloseable
{
    private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();
    private static final StatusKind[] STATUS_KINDS = StatusKind.values();
    private static final long ACKNOWLEDGE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Subscription subscription;
    private final int workers;
    private final ResultListener listener;
    private final ListenerErrorHandler errorHandler = ListenerErrorHandler.logging();
    private final long heartbeatTimeoutNanos;
    private final long joinTimeoutNanos;
    private final boolean[] heard;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean stopRequested;
    private Acknowledgements acknowledgements; // set before start, then the administrator thread's

    // Owned by the administrator thread.
    private final long[] lastHeard;
    private final boolean[] workerEnded;
    private final boolean[] workerLost;
    private final long[] streamDelivered;
    private long[] symbolDelivered = new long[64];
    private String[] names = new String[64];
    private int endKind = -1;
    private final StringBuilder endText = new StringBuilder();
    private long now;
    private int symbolsSeen;
    private long lastAcknowledged;
    private long acknowledgedDelivered = -1;
    private final Views views = new Views();
    private final FragmentHandler assembler = new FragmentAssembler(this::onFragment);

    /**
     * @param aeron            a connected client; not closed by this node.
     * @param channel          {@link ClusterChannels#results}.
     * @param workers          how many workers send results.
     * @param listener         the user's listener, called on this node's thread.
     * @param heartbeatTimeout how long a worker may be silent before it is reported gone.
     * @param joinTimeout      how long a worker may take to be heard from at all (a process starting).
     */
    public AdminNode(
        final Aeron aeron, final String channel, final int workers, final ResultListener listener,
        final Duration heartbeatTimeout, final Duration joinTimeout)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("at least one worker: " + workers);
        }
        this.workers = workers;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.heartbeatTimeoutNanos = heartbeatTimeout.toNanos();
        this.joinTimeoutNanos = joinTimeout.toNanos();
        this.heard = new boolean[workers];
        this.lastHeard = new long[workers];
        this.workerEnded = new boolean[workers];
        this.workerLost = new boolean[workers];
        this.streamDelivered = new long[workers];
        this.subscription = aeron.addSubscription(channel, ClusterChannels.RESULT_STREAM_ID);
        this.thread = new Thread(this::run, "ring-streamer-admin");
    }

    /**
     * Writes what has been delivered to {@code file} ({@link Acknowledgements}) at most every 100 ms while results
     * come, so that a worker restarted on this host (with the same file) does not send them again. Removes the file
     * first if it is there (an earlier run's counts would make a restarted worker skip results this run never
     * delivered). Call before {@link #start}.
     *
     * @throws UncheckedIOException if an earlier file cannot be removed.
     */
    public AdminNode acknowledgeTo(final Path file)
    {
        if (thread.isAlive() || ended.getCount() == 0)
        {
            throw new IllegalStateException("acknowledgeTo before start");
        }
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove an earlier acknowledgements file " + file, ex);
        }
        acknowledgements = new Acknowledgements(file);
        return this;
    }

    /** Starts the administrator's thread; the heartbeat clock of every worker starts now. */
    public AdminNode start()
    {
        thread.start();
        return this;
    }

    /** Whether the stream has ended ({@code onEndOfStream} returned) within {@code timeout}. */
    public boolean awaitEnd(final Duration timeout) throws InterruptedException
    {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Results dropped as already delivered; from any thread. */
    public long duplicates()
    {
        return duplicates.get();
    }

    /** Results delivered to the listener; from any thread. */
    public long delivered()
    {
        return delivered.get();
    }

    /** Stops the thread (without {@code onEndOfStream} if the stream has not ended) and closes the subscription. */
    @Override
    public void close()
    {
        stopRequested = true;
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        CloseHelper.quietClose(subscription);
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        now = System.nanoTime();
        Arrays.fill(lastHeard, now);
        while (!stopRequested)
        {
            now = System.nanoTime();
            final int work = subscription.poll(assembler, 64);
            checkHeartbeats();
            acknowledge();
            if (allEnded())
            {
                endOfStream();
                return;
            }
            idle.idle(work);
        }
    }

    /** At most every 100 ms, and only when more has been delivered: the acknowledgements file, if asked for. */
    private void acknowledge()
    {
        if (acknowledgements == null || now - lastAcknowledged < ACKNOWLEDGE_INTERVAL_NANOS ||
            delivered.get() == acknowledgedDelivered)
        {
            return;
        }
        lastAcknowledged = now;
        acknowledgedDelivered = delivered.get();
        try
        {
            acknowledgements.write(symbolDelivered, symbolsSeen, streamDelivered);
        }
        catch (final IOException ex)
        {
            System.getLogger(AdminNode.class.getName()).log(System.Logger.Level.WARNING,
                "cannot write the acknowledgements file; restarted workers will resend and the duplicates be dropped", ex);
            acknowledgements = null;
        }
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int type = buffer.getInt(offset);
        final int worker = buffer.getInt(offset + ClusterWire.R_WORKER_OFFSET);
        if (worker < 0 || worker >= workers)
        {
            return; // not one of ours
        }
        lastHeard[worker] = now;
        heard[worker] = true;
        workerLost[worker] = false; // heard again (a restarted worker): it counts until it ends or goes silent
        switch (type)
        {
            case ClusterWire.R_HEARTBEAT:
                return;

            case ClusterWire.R_WORKER_END:
                workerEnded[worker] = true;
                final int kind = buffer.getInt(offset + ClusterWire.R_KIND_OFFSET);
                if (kind >= 0 && endKind < 0)
                {
                    endKind = kind;
                    final int textAt = offset + ClusterWire.NOTE_SYMBOL_OFFSET +
                        ClusterWire.symbolFieldLength(buffer, offset + ClusterWire.NOTE_SYMBOL_OFFSET);
                    ClusterWire.getText(buffer, textAt, offset + length, endText);
                }
                return;

            case ClusterWire.R_BAR:
            case ClusterWire.R_AGGREGATE_BAR:
            case ClusterWire.R_QUOTE:
            case ClusterWire.R_TRADE:
            case ClusterWire.R_BOOK:
            case ClusterWire.R_NEWS:
            case ClusterWire.R_CUSTOM:
            case ClusterWire.R_ERROR:
            case ClusterWire.R_STATUS:
                if (isNew(worker, buffer, offset, type))
                {
                    deliver(type, buffer, offset, length);
                }
                return;

            default:
                return; // a newer worker's frame type: skipped
        }
    }

    /** Whether the result's ordinal is the next of its key; an older one is a duplicate and is counted. */
    private boolean isNew(final int worker, final DirectBuffer buffer, final int offset, final int type)
    {
        final int symbolId = buffer.getInt(offset + ClusterWire.R_SYMBOL_ID_OFFSET);
        final long ordinal = buffer.getLong(offset + ClusterWire.R_ORDINAL_OFFSET);
        if (symbolId == ClusterWire.WORKER_OWN)
        {
            views.symbol = null;
            return true;
        }
        if (symbolId < 0)
        {
            if (ordinal < streamDelivered[worker])
            {
                duplicates.incrementAndGet();
                return false;
            }
            streamDelivered[worker] = ordinal + 1;
            views.symbol = null;
            return true;
        }
        if (symbolId >= symbolDelivered.length)
        {
            final int capacity = Math.max(symbolId + 1, symbolDelivered.length * 2);
            symbolDelivered = Arrays.copyOf(symbolDelivered, capacity);
            names = Arrays.copyOf(names, capacity);
        }
        if (ordinal < symbolDelivered[symbolId])
        {
            duplicates.incrementAndGet();
            return false;
        }
        symbolDelivered[symbolId] = ordinal + 1;
        symbolsSeen = Math.max(symbolsSeen, symbolId + 1);
        if (names[symbolId] == null)
        {
            final int symbolAt = ClusterWire.symbolOffset(type, buffer, offset);
            names[symbolId] = buffer.getStringWithoutLengthAscii(symbolAt + 1, buffer.getByte(symbolAt) & 0xFF);
        }
        views.symbol = names[symbolId];
        return true;
    }

    private void deliver(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final Views v = views;
        v.sequence = buffer.getLong(offset + ClusterWire.R_SEQUENCE_OFFSET);
        v.timestamp = buffer.getLong(offset + ClusterWire.R_TIMESTAMP_OFFSET);
        v.receiveNanos = buffer.getLong(offset + ClusterWire.R_RECEIVE_OFFSET);
        final int kind = buffer.getInt(offset + ClusterWire.R_KIND_OFFSET);
        if (type == ClusterWire.R_BAR || type == ClusterWire.R_AGGREGATE_BAR)
        {
            v.open = buffer.getDouble(offset + ClusterWire.OPEN_OFFSET);
            v.high = buffer.getDouble(offset + ClusterWire.HIGH_OFFSET);
            v.low = buffer.getDouble(offset + ClusterWire.LOW_OFFSET);
            v.close = buffer.getDouble(offset + ClusterWire.CLOSE_OFFSET);
            v.volume = buffer.getLong(offset + ClusterWire.VOLUME_OFFSET);
            v.startMillis = buffer.getLong(offset + ClusterWire.START_MILLIS_OFFSET);
        }
        else if (type == ClusterWire.R_QUOTE || type == ClusterWire.R_TRADE || type == ClusterWire.R_BOOK ||
            type == ClusterWire.R_NEWS)
        {
            v.read(type, buffer, offset);
        }
        else if (type == ClusterWire.R_CUSTOM)
        {
            v.customKind = kind;
            v.valueCount = Math.min(buffer.getInt(offset + ClusterWire.C_COUNT_OFFSET), CustomView.MAX_VALUES);
            for (int i = 0; i < v.valueCount; i++)
            {
                v.values[i] = buffer.getDouble(offset + ClusterWire.C_VALUES_OFFSET + 8 * i);
            }
        }
        else
        {
            v.code = (int)buffer.getLong(offset + ClusterWire.CODE_OFFSET);
            v.droppedCount = buffer.getLong(offset + ClusterWire.DROPPED_OFFSET);
            v.firstDropped = buffer.getLong(offset + ClusterWire.FIRST_DROPPED_OFFSET);
            v.lastDropped = buffer.getLong(offset + ClusterWire.LAST_DROPPED_OFFSET);
            final int textAt = offset + ClusterWire.NOTE_SYMBOL_OFFSET +
                ClusterWire.symbolFieldLength(buffer, offset + ClusterWire.NOTE_SYMBOL_OFFSET);
            ClusterWire.getText(buffer, textAt, offset + length, v.text);
        }
        try
        {
            switch (type)
            {
                case ClusterWire.R_BAR:
                    listener.onBar(v.bar);
                    break;

                case ClusterWire.R_AGGREGATE_BAR:
                    v.minutes = kind;
                    v.minuteCount = buffer.getInt(offset + ClusterWire.MINUTE_COUNT_OFFSET);
                    v.partial = buffer.getInt(offset + ClusterWire.PARTIAL_OFFSET) != 0;
                    listener.onAggregateBar(v.aggregate);
                    break;

                case ClusterWire.R_QUOTE:
                    listener.onQuote(v.quote);
                    break;

                case ClusterWire.R_TRADE:
                    listener.onTrade(v.trade);
                    break;

                case ClusterWire.R_BOOK:
                    listener.onBook(v.book);
                    break;

                case ClusterWire.R_NEWS:
                    listener.onNews(v.news);
                    break;

                case ClusterWire.R_CUSTOM:
                    listener.onCustom(v.custom);
                    break;

                case ClusterWire.R_ERROR:
                    v.errorKind = ERROR_KINDS[kind];
                    listener.onError(v.error);
                    break;

                default:
                    v.statusKind = STATUS_KINDS[kind];
                    listener.onStatus(v.status);
                    break;
            }
        }
        catch (final Throwable ex)
        {
            listenerFailed(kindOf(type), ex);
        }
        delivered.incrementAndGet();
    }

    private static ResultKind kindOf(final int type)
    {
        switch (type)
        {
            case ClusterWire.R_BAR:
                return ResultKind.BAR;
            case ClusterWire.R_AGGREGATE_BAR:
                return ResultKind.AGGREGATE_BAR;
            case ClusterWire.R_QUOTE:
                return ResultKind.QUOTE;
            case ClusterWire.R_TRADE:
                return ResultKind.TRADE;
            case ClusterWire.R_BOOK:
                return ResultKind.BOOK;
            case ClusterWire.R_NEWS:
                return ResultKind.NEWS;
            case ClusterWire.R_CUSTOM:
                return ResultKind.CUSTOM;
            case ClusterWire.R_ERROR:
                return ResultKind.ERROR;
            default:
                return ResultKind.STATUS;
        }
    }

    private void checkHeartbeats()
    {
        for (int w = 0; w < workers; w++)
        {
            final long timeout = heard[w] ? heartbeatTimeoutNanos : joinTimeoutNanos;
            if (!workerEnded[w] && !workerLost[w] && now - lastHeard[w] > timeout)
            {
                workerLost[w] = true;
                final Views v = views;
                v.symbol = null;
                v.sequence = -1;
                v.timestamp = 0;
                v.code = w;
                v.droppedCount = 0;
                v.firstDropped = -1;
                v.lastDropped = -1;
                v.errorKind = ErrorKind.CONNECTION_LOST;
                v.text.setLength(0);
                v.text.append("worker ").append(w).append(": nothing heard for more than ")
                    .append(TimeUnit.NANOSECONDS.toMillis(timeout)).append(" ms").append(heard[w] ? "" : " (never joined)");
                try
                {
                    listener.onError(v.error);
                }
                catch (final Throwable ex)
                {
                    listenerFailed(ResultKind.ERROR, ex);
                }
                delivered.incrementAndGet();
            }
        }
    }

    private boolean allEnded()
    {
        for (int w = 0; w < workers; w++)
        {
            if (!workerEnded[w] && !workerLost[w])
            {
                return false;
            }
        }
        return true;
    }

    private void endOfStream()
    {
        if (endKind >= 0)
        {
            final Views v = views;
            v.symbol = null;
            v.sequence = -1;
            v.timestamp = 0;
            v.code = 0;
            v.droppedCount = 0;
            v.firstDropped = -1;
            v.lastDropped = -1;
            v.errorKind = ERROR_KINDS[endKind];
            v.text.setLength(0);
            v.text.append(endText);
            try
            {
                listener.onError(v.error);
            }
            catch (final Throwable ex)
            {
                listenerFailed(ResultKind.ERROR, ex);
            }
            delivered.incrementAndGet();
        }
        try
        {
            listener.onEndOfStream();
        }
        catch (final Throwable ex)
        {
            listenerFailed(ResultKind.END_OF_STREAM, ex);
        }
        ended.countDown();
    }

    private void listenerFailed(final ResultKind kind, final Throwable ex)
    {
        try
        {
            errorHandler.onListenerError(kind, ex);
        }
        catch (final Throwable ignored)
        {
            // the handler's own failure: nothing more to do on this thread
        }
    }

    /** The flyweights handed to the listener: valid during the call, as core's views are. */
    private static final class Views
    {
        String symbol;
        long sequence;
        long timestamp;
        long receiveNanos;
        double open;
        double high;
        double low;
        double close;
        long volume;
        long startMillis;
        int minutes;
        int minuteCount;
        boolean partial;
        int code;
        long droppedCount;
        long firstDropped;
        long lastDropped;
        ErrorKind errorKind;
        StatusKind statusKind;
        final StringBuilder text = new StringBuilder(128);
        // quotes, trades, books, headlines
        double bid;
        double ask;
        double last;
        long bidSize;
        long askSize;
        long lastSize;
        long totalVolume;
        long quoteTime;
        long tradeTime;
        long time;
        double price;
        long size;
        long tradeSequence;
        long sessionVolume;
        double vwap;
        long tradeCount;
        int bidLevels;
        int askLevels;
        double[] bidPrices = new double[16];
        long[] bidSizes = new long[16];
        double[] askPrices = new double[16];
        long[] askSizes = new long[16];
        final StringBuilder newsId = new StringBuilder(32);
        final StringBuilder headline = new StringBuilder(128);
        final StringBuilder newsSource = new StringBuilder(32);
        boolean idNull;
        boolean headlineNull;
        boolean sourceNull;
        // custom results
        int customKind;
        int valueCount;
        final double[] values = new double[CustomView.MAX_VALUES];

        /** A quote's, trade's, book's or headline's fields, from its frame. */
        void read(final int type, final DirectBuffer buffer, final int offset)
        {
            if (type == ClusterWire.R_QUOTE)
            {
                bid = buffer.getDouble(offset + ClusterWire.BID_OFFSET);
                ask = buffer.getDouble(offset + ClusterWire.ASK_OFFSET);
                last = buffer.getDouble(offset + ClusterWire.LAST_OFFSET);
                bidSize = buffer.getLong(offset + ClusterWire.BID_SIZE_OFFSET);
                askSize = buffer.getLong(offset + ClusterWire.ASK_SIZE_OFFSET);
                lastSize = buffer.getLong(offset + ClusterWire.LAST_SIZE_OFFSET);
                totalVolume = buffer.getLong(offset + ClusterWire.TOTAL_VOLUME_OFFSET);
                quoteTime = buffer.getLong(offset + ClusterWire.QUOTE_TIME_OFFSET);
                tradeTime = buffer.getLong(offset + ClusterWire.TRADE_TIME_OFFSET);
            }
            else if (type == ClusterWire.R_TRADE)
            {
                time = buffer.getLong(offset + ClusterWire.T_TIME_OFFSET);
                price = buffer.getDouble(offset + ClusterWire.T_PRICE_OFFSET);
                size = buffer.getLong(offset + ClusterWire.T_SIZE_OFFSET);
                tradeSequence = buffer.getLong(offset + ClusterWire.T_SEQUENCE_OFFSET);
                sessionVolume = buffer.getLong(offset + ClusterWire.T_SESSION_VOLUME_OFFSET);
                vwap = buffer.getDouble(offset + ClusterWire.T_VWAP_OFFSET);
                tradeCount = buffer.getLong(offset + ClusterWire.T_COUNT_OFFSET);
            }
            else if (type == ClusterWire.R_BOOK)
            {
                time = buffer.getLong(offset + ClusterWire.B_TIME_OFFSET);
                bidLevels = buffer.getInt(offset + ClusterWire.B_BID_LEVELS_OFFSET);
                askLevels = buffer.getInt(offset + ClusterWire.B_ASK_LEVELS_OFFSET);
                if (bidLevels > bidPrices.length || askLevels > askPrices.length)
                {
                    final int capacity = Math.max(bidLevels, askLevels); // grows to the deepest book, then stays
                    bidPrices = new double[capacity];
                    bidSizes = new long[capacity];
                    askPrices = new double[capacity];
                    askSizes = new long[capacity];
                }
                int at = offset + ClusterWire.B_LEVELS_OFFSET;
                for (int level = 0; level < bidLevels; level++, at += ClusterWire.LEVEL_LENGTH)
                {
                    bidPrices[level] = buffer.getDouble(at);
                    bidSizes[level] = buffer.getLong(at + 8);
                }
                for (int level = 0; level < askLevels; level++, at += ClusterWire.LEVEL_LENGTH)
                {
                    askPrices[level] = buffer.getDouble(at);
                    askSizes[level] = buffer.getLong(at + 8);
                }
            }
            else
            {
                time = buffer.getLong(offset + ClusterWire.N_TIME_OFFSET);
                int at = offset + ClusterWire.NEWS_SYMBOL_OFFSET +
                    ClusterWire.symbolFieldLength(buffer, offset + ClusterWire.NEWS_SYMBOL_OFFSET);
                int read = ClusterWire.getSizedText(buffer, at, newsId);
                idNull = read < 0;
                at += Math.abs(read);
                read = ClusterWire.getSizedText(buffer, at, headline);
                headlineNull = read < 0;
                at += Math.abs(read);
                read = ClusterWire.getSizedText(buffer, at, newsSource);
                sourceNull = read < 0;
            }
        }

        final QuoteView quote = new QuoteView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
            }

            @Override
            public double bid()
            {
                return bid;
            }

            @Override
            public double ask()
            {
                return ask;
            }

            @Override
            public double last()
            {
                return last;
            }

            @Override
            public long bidSize()
            {
                return bidSize;
            }

            @Override
            public long askSize()
            {
                return askSize;
            }

            @Override
            public long lastSize()
            {
                return lastSize;
            }

            @Override
            public long totalVolume()
            {
                return totalVolume;
            }

            @Override
            public long quoteTimeMillis()
            {
                return quoteTime;
            }

            @Override
            public long tradeTimeMillis()
            {
                return tradeTime;
            }
        };

        final TradeView trade = new TradeView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
            }

            @Override
            public long timeMillis()
            {
                return time;
            }

            @Override
            public double price()
            {
                return price;
            }

            @Override
            public long size()
            {
                return size;
            }

            @Override
            public long tradeSequence()
            {
                return tradeSequence;
            }

            @Override
            public long sessionVolume()
            {
                return sessionVolume;
            }

            @Override
            public double vwap()
            {
                return vwap;
            }

            @Override
            public long tradeCount()
            {
                return tradeCount;
            }
        };

        final BookView book = new BookView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
            }

            @Override
            public long timeMillis()
            {
                return time;
            }

            @Override
            public int bidLevels()
            {
                return bidLevels;
            }

            @Override
            public int askLevels()
            {
                return askLevels;
            }

            @Override
            public double bidPrice(final int level)
            {
                return bidPrices[level];
            }

            @Override
            public long bidSize(final int level)
            {
                return bidSizes[level];
            }

            @Override
            public double askPrice(final int level)
            {
                return askPrices[level];
            }

            @Override
            public long askSize(final int level)
            {
                return askSizes[level];
            }
        };

        final CustomView custom = new CustomView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
            }

            @Override
            public int kind()
            {
                return customKind;
            }

            @Override
            public int valueCount()
            {
                return valueCount;
            }

            @Override
            public double value(final int index)
            {
                return values[Objects.checkIndex(index, valueCount)];
            }
        };

        final NewsView news = new NewsView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
            }

            @Override
            public long timeMillis()
            {
                return time;
            }

            @Override
            public CharSequence id()
            {
                return idNull ? null : newsId;
            }

            @Override
            public CharSequence headline()
            {
                return headlineNull ? null : headline;
            }

            @Override
            public CharSequence source()
            {
                return sourceNull ? null : newsSource;
            }
        };

        final BarView bar = new BarView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
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
                return startMillis;
            }
        };

        final AggregateBarView aggregate = new AggregateBarView()
        {
            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public long receiveNanos()
            {
                return receiveNanos;
            }

            @Override
            public int minutes()
            {
                return minutes;
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
            public long windowStartMillis()
            {
                return startMillis;
            }

            @Override
            public int minuteCount()
            {
                return minuteCount;
            }

            @Override
            public boolean partial()
            {
                return partial;
            }
        };

        final ErrorView error = new ErrorView()
        {
            @Override
            public ErrorKind kind()
            {
                return errorKind;
            }

            @Override
            public CharSequence message()
            {
                return text;
            }

            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }

            @Override
            public long messageTimestamp()
            {
                return timestamp;
            }

            @Override
            public Throwable cause()
            {
                return null; // a worker's exception does not cross the wire: its message does
            }

            @Override
            public int code()
            {
                return code;
            }

            @Override
            public long droppedCount()
            {
                return droppedCount;
            }

            @Override
            public long firstDropped()
            {
                return firstDropped;
            }

            @Override
            public long lastDropped()
            {
                return lastDropped;
            }
        };

        final StatusView status = new StatusView()
        {
            @Override
            public StatusKind kind()
            {
                return statusKind;
            }

            @Override
            public int code()
            {
                return code;
            }

            @Override
            public CharSequence message()
            {
                return text;
            }

            @Override
            public String symbol()
            {
                return symbol;
            }

            @Override
            public long sequence()
            {
                return sequence;
            }
        };
    }
}
