package io.ringstreamer.shard;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.ringstreamer.Delivery;
import io.ringstreamer.delivery.ResultEvent;
import io.ringstreamer.delivery.ResultOutlet;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.inbound.InboundEvent;
import io.ringstreamer.inbound.JournalHandler;
import io.ringstreamer.inbound.Utf8Text;
import io.ringstreamer.jfr.MessagesDroppedEvent;
import io.ringstreamer.jfr.QuarantineEvent;
import io.ringstreamer.metrics.internal.PaddedCounter;
import io.ringstreamer.metrics.internal.PipelineCounters;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.EntryContext;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.worker.Validation;

import java.util.concurrent.CountDownLatch;

/**
 * One shard: consumes every message of the inbound ring, decodes it, and hands the entries of the
 * symbols it owns to their workers; every other entry is skipped. Hands its results to its
 * {@link ResultOutlet}: the results ring, or, with {@link Delivery#SHARD_THREAD}, the administrator's
 * delivery code on this thread. Runs on its own thread, which
 * owns the shard's symbols and all their state.
 *
 * <p>Shard 0 also reports whole-message errors, counts messages, and turns the streamer's statuses and
 * errors into results, so each is reported once.
 *
 * <p>Decoding once ({@code DecodeMode.ONCE}): shard 0 validates and indexes each message into the
 * slot's own fixed decoder and writes each entry's symbol id beside it; the other shards run behind
 * shard 0's sequence and read that index, skipping other shards' entries by id without parsing them. A
 * message with more entries or fields than the slot's index holds is decoded by each shard, as in
 * {@code EACH_SHARD}. Counters this shard owns alone are added at the end of each batch. A subscription change is handled by the shard that
 * owns the symbol (its id modulo the shard count): it builds a fresh worker, or drops the worker
 * without flushing it, at that point of the stream, and reports it with a status.
 */
public final class ShardHandler implements EventHandler<InboundEvent>, ResultSink
{
    private static final String TOO_LARGE = "message larger than the maximum of ";
    private static final String DROPPED = "dropped ";
    private static final String ABANDONED = "abandoned ";
    private static final String SPILLING = "inbound ring full: spilling from here on";
    private static final String SPILL_FULL = "spill store full: the reader waited for room before this";
    private static final String CAUGHT_UP = "spill drained: reading straight into the ring again (code: ms it took)";
    private static final String UNKNOWN_EVENT = "unknown inbound event type ";
    private static final String NOT_AN_OBJECT = "entry is not a JSON object";
    private static final String TEXT_TOO_LONG = "text longer than " + MAX_TEXT_BYTES + " bytes";
    private static final String INVALID_UTF8 = "text is not valid UTF-8";

    private final int shardId;
    private final int shardCount;
    private final boolean reportsMessages;
    private final WorkerFactory workers;
    private final SymbolTable symbols;
    private final ResultOutlet outlet;
    /** With {@code JournalThread.FIRST_SHARD}, on shard 0: the journal, fed each event before it is processed. */
    private final JournalHandler journal;
    private final CountDownLatch started;
    private final int maxMessageBytes;
    private final CanonicalDecoder decoder = new CanonicalDecoder();
    private final EntryView entry = new EntryView();
    private final ShardContext context = new ShardContext();
    private final PaddedCounter processed;
    private final PaddedCounter rejected;
    private final PaddedCounter entriesRejected;
    private final PaddedCounter componentFailures;
    private final PaddedCounter[] errors;
    private final PaddedCounter[] statuses;
    private final int quarantineAfter;
    private final Validation validation;
    /**
     * Decode-once mode, shard 0: every subscribed symbol by its bytes, for its id (bare workers, built at
     * start from {@link #indexFrom}, then kept by the subscription events); {@code null} otherwise.
     */
    private final SymbolTable index;
    private final SymbolTable[] indexFrom;
    /** Messages processed since the last batch's end, added to {@link #processed} then (shard 0). */
    private long processedInBatch;
    /** This shard's progress in the inbound ring, released after each message so a full ring frees at once. */
    private Sequence released = new Sequence();

    // The message and symbol being processed, stamped on every result.
    private long sequence;
    private long receiveNanos;
    private long timestamp;
    private String symbol;

    /**
     * @param outlet    where this shard's results go.
     * @param journal   with {@code JournalThread.FIRST_SHARD}, on shard 0: the journal, fed each event before it
     *                  is processed; {@code null} otherwise.
     * @param indexFrom every shard's table, for shard 0 when messages are decoded once for all shards: it
     *                  indexes each message for them, and reads these tables (filled before start, and not
     *                  changed by their shards before shard 0 has passed the change) when it starts;
     *                  {@code null} when each shard decodes every message.
     */
    public ShardHandler(
        final int shardId,
        final int shardCount,
        final SymbolTable symbols,
        final WorkerFactory workers,
        final ResultOutlet outlet,
        final JournalHandler journal,
        final PipelineCounters metrics,
        final int maxMessageBytes,
        final int quarantineAfter,
        final Validation validation,
        final CountDownLatch started,
        final SymbolTable[] indexFrom)
    {
        if (indexFrom != null && shardId != 0)
        {
            throw new IllegalArgumentException("shard 0 indexes messages for the others, not shard " + shardId);
        }
        this.indexFrom = indexFrom;
        this.index = indexFrom != null ? new SymbolTable(64) : null;
        this.quarantineAfter = quarantineAfter;
        this.validation = validation;
        this.shardId = shardId;
        this.shardCount = shardCount;
        this.reportsMessages = shardId == 0;
        this.workers = workers;
        this.symbols = symbols;
        this.outlet = outlet;
        this.journal = journal;
        this.maxMessageBytes = maxMessageBytes;
        this.started = started;
        this.processed = metrics.processed();
        this.rejected = metrics.rejected();
        this.entriesRejected = metrics.entriesRejected(shardId);
        this.componentFailures = metrics.componentFailures(shardId);
        this.errors = metrics.errors(shardId);
        this.statuses = metrics.statuses(shardId);
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        this.released = sequenceCallback;
    }

    @Override
    public void onStart()
    {
        if (journal != null)
        {
            journal.onStart();
        }
        if (indexFrom != null)
        {
            for (final SymbolTable table : indexFrom)
            {
                table.forEach(worker -> index.put(new SymbolWorker(worker.symbol(), worker.symbolId())));
            }
        }
        started.countDown();
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        outlet.endOfBatch(); // nothing held, unless the last batch ended in a failure that escaped onEvent
    }

    @Override
    public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
    {
        if (journal != null)
        {
            journal.onEvent(event, sequence, endOfBatch); // recorded before anything of it is delivered
            if (index != null && shardCount > 1)
            {
                journal.flush(); // decoding once, the other shards follow this shard's sequence: complete it now
            }
        }
        this.sequence = sequence;
        this.receiveNanos = event.receiveNanos;
        this.timestamp = 0;
        this.symbol = null;
        if (event.note != InboundEvent.NOTE_NONE && reportsMessages)
        {
            publishNote(event);
        }
        switch (event.type)
        {
            case InboundEvent.DATA:
                onMessage(event);
                break;
            case InboundEvent.TOO_LARGE:
                if (reportsMessages)
                {
                    final ResultEvent error = claimError(ErrorKind.MESSAGE_TOO_LARGE, TOO_LARGE, null);
                    error.message.append(maxMessageBytes).append(" bytes: ").append(event.length);
                    publish(error);
                    rejected.increment();
                }
                break;
            case InboundEvent.GAP:
                if (reportsMessages)
                {
                    final ResultEvent error = claimError(ErrorKind.MESSAGES_DROPPED, DROPPED, null);
                    error.droppedCount = event.droppedCount;
                    error.firstDropped = event.firstDropped;
                    error.lastDropped = event.lastDropped;
                    error.message.append(event.droppedCount).append(" messages (received #").append(event.firstDropped)
                        .append(" to #").append(event.lastDropped)
                        .append(") while the inbound ring was full");
                    publish(error);
                    recordDrop(event, "ring full");
                }
                break;
            case InboundEvent.STATUS:
                if (reportsMessages)
                {
                    final ResultEvent status = claimStatus(event.statusKind, event.code);
                    Utf8Text.decode(event.bytes, event.length, status.message);
                    publish(status);
                }
                break;
            case InboundEvent.ERROR:
                if (reportsMessages)
                {
                    final ResultEvent error = claimError(event.errorKind, "", null);
                    error.code = event.code;
                    Utf8Text.decode(event.bytes, event.length, error.message);
                    publish(error);
                }
                break;
            case InboundEvent.SUBSCRIBE:
                if (index != null)
                {
                    index.put(new SymbolWorker(event.symbol, event.symbolId)); // a change, not a message: may allocate
                }
                if (event.symbolId % shardCount == shardId)
                {
                    subscribe(event.symbol, event.symbolId);
                }
                break;
            case InboundEvent.UNSUBSCRIBE:
                if (index != null)
                {
                    index.remove(event.symbol);
                }
                if (event.symbolId % shardCount == shardId)
                {
                    unsubscribe(event.symbol);
                }
                break;
            case InboundEvent.ABANDONED:
                if (reportsMessages)
                {
                    final ResultEvent error = claimError(ErrorKind.MESSAGES_DROPPED, ABANDONED, null);
                    error.droppedCount = event.droppedCount;
                    error.firstDropped = event.firstDropped;
                    error.lastDropped = event.lastDropped;
                    error.message.append(event.droppedCount).append(" spilled messages (received #")
                        .append(event.firstDropped).append(" to #").append(event.lastDropped)
                        .append(") not processed: the close deadline passed");
                    publish(error);
                    recordDrop(event, "close deadline");
                }
                break;
            case InboundEvent.SKIP:
                break; // an aborted claim: nothing was published in it
            case InboundEvent.END_OF_STREAM:
                flushCounters(); // before the end marker, so the counts are whole when the end is delivered
                symbols.forEach(this::endOfStream);
                symbol = null;
                publish(claim(ResultEvent.SHARD_END));
                outlet.endOfBatch();
                break;
            default:
                if (reportsMessages)
                {
                    final ResultEvent error = claimError(ErrorKind.MALFORMED_MESSAGE, UNKNOWN_EVENT, null);
                    error.message.append(event.type);
                    publish(error);
                }
                break;
        }
        if (endOfBatch)
        {
            flushCounters();
            outlet.endOfBatch();
            if (journal != null && journal.reportFlushFailure()) // a flush that failed as the batch was delivered
            {
                outlet.endOfBatch();
            }
        }
        released.set(sequence); // a release store: the slot is free for the producers now, not at the batch's end
    }

    /** Adds what this shard counted alone since the last flush to the shared counters. */
    private void flushCounters()
    {
        if (processedInBatch != 0)
        {
            processed.add(processedInBatch);
            processedInBatch = 0;
        }
    }

    /** A {@code Spilling} or {@code CaughtUp} status riding on this event: reported before it, by shard 0. */
    private void publishNote(final InboundEvent event)
    {
        if (event.note == InboundEvent.NOTE_SPILLING)
        {
            final ResultEvent status = claimStatus(StatusKind.SPILLING, 0);
            status.message.append(SPILLING);
            publish(status);
        }
        else if (event.note == InboundEvent.NOTE_SPILL_FULL)
        {
            final ResultEvent status = claimStatus(StatusKind.SPILL_FULL, 0);
            status.message.append(SPILL_FULL);
            publish(status);
        }
        else
        {
            final ResultEvent status = claimStatus(StatusKind.CAUGHT_UP, event.noteCode);
            status.message.append(CAUGHT_UP);
            publish(status);
        }
    }

    private void onMessage(final InboundEvent event)
    {
        final CanonicalDecoder shared = event.decoded;
        if (shared == null)
        {
            decodeAndProcess(event);
        }
        else if (index != null)
        {
            indexAndProcess(event, shared);
        }
        else if (event.indexState == InboundEvent.INDEXED)
        {
            processIndexed(shared, event.entryIds);
        }
        else if (event.indexState == InboundEvent.NOT_INDEXED)
        {
            decodeAndProcess(event);
        }
        // INVALID: shard 0 has reported it
    }

    /** Shard 0, decoding once: validates and indexes the message into its slot for every shard, then processes its own entries. */
    private void indexAndProcess(final InboundEvent event, final CanonicalDecoder shared)
    {
        if (shared.wrap(event.bytes, 0, event.length))
        {
            final byte[] buffer = shared.buffer();
            final int[] ids = event.entryIds;
            for (int i = 0, count = shared.entryCount(); i < count; i++)
            {
                ids[i] = index.idOf(buffer, shared.symbolOffset(i), shared.symbolLength(i));
            }
            event.indexState = InboundEvent.INDEXED;
            processIndexed(shared, ids);
        }
        else if (shared.indexFull())
        {
            event.indexState = InboundEvent.NOT_INDEXED; // too many entries for the slot: each shard decodes it
            decodeAndProcess(event);
        }
        else
        {
            event.indexState = InboundEvent.INVALID;
            rejectMessage(shared);
        }
    }

    /** Runs this shard's entries of a message indexed by shard 0: other shards' entries are skipped by id. */
    private void processIndexed(final CanonicalDecoder decoder, final int[] ids)
    {
        timestamp = decoder.timestamp();
        final Service service = decoder.service();
        for (int i = 0, count = decoder.entryCount(); i < count; i++)
        {
            final int id = ids[i];
            if (id < 0 || id % shardCount != shardId)
            {
                continue; // another shard's symbol, or not subscribed
            }
            final SymbolWorker worker = symbols.byId(id);
            if (worker != null)
            {
                processEntry(decoder, i, worker, service);
            }
        }
        if (reportsMessages)
        {
            processedInBatch++;
        }
    }

    /** Validates and decodes the message with this shard's own decoder, then runs its entries. */
    private void decodeAndProcess(final InboundEvent event)
    {
        final CanonicalDecoder decoder = this.decoder;
        if (!decoder.wrap(event.bytes, 0, event.length))
        {
            if (reportsMessages)
            {
                rejectMessage(decoder);
            }
            return;
        }
        timestamp = decoder.timestamp();
        final Service service = decoder.service();
        final byte[] buffer = decoder.buffer();
        for (int i = 0, count = decoder.entryCount(); i < count; i++)
        {
            final SymbolWorker worker = symbols.find(buffer, decoder.symbolOffset(i), decoder.symbolLength(i));
            if (worker != null)
            {
                processEntry(decoder, i, worker, service);
            } // else another shard's symbol, or not subscribed
        }
        if (reportsMessages)
        {
            processedInBatch++;
        }
    }

    /** Reports a message that failed {@code decoder}'s validation, once (shard 0). */
    private void rejectMessage(final CanonicalDecoder decoder)
    {
        final ResultEvent error = claimError(ErrorKind.MALFORMED_MESSAGE, decoder.errorReason(), null);
        error.message.append(" at byte ").append(decoder.errorPosition());
        publish(error);
        rejected.increment();
    }

    /** Runs entry {@code index} of the message in {@code decoder} through {@code worker}'s components for {@code service}. */
    private void processEntry(final CanonicalDecoder decoder, final int index, final SymbolWorker worker,
                              final Service service)
    {
        final Component[] components = worker.components(service);
        if (components.length == 0)
        {
            return;
        }
        symbol = worker.symbol();
        context.entry(worker, service, timestamp, sequence, receiveNanos);
        if (!decoder.entry(index, entry).isObject())
        {
            reject(ErrorKind.INVALID_ENTRY, NOT_AN_OBJECT);
            return;
        }
        for (int c = 0; c < components.length; c++)
        {
            if (worker.isQuarantined(service, c))
            {
                continue;
            }
            entry.rewind();
            try
            {
                components[c].onEntry(entry, this);
            }
            catch (final Throwable ex)
            {
                componentFailed(worker, service, c, ex);
            }
        }
    }

    /** Starts {@code symbol} with a fresh worker from here on; a supplier that throws is reported and left out. */
    private void subscribe(final String symbol, final int symbolId)
    {
        this.symbol = symbol;
        final SymbolWorker worker = workers.create(symbol, symbolId, (service, ex) ->
        {
            componentFailures.increment();
            final String thrown = describe(ex); // before the claim: a user's toString may throw
            final ResultEvent error = claimError(ErrorKind.COMPONENT_FAILURE, service.name(), ex);
            error.message.append(" component supplier threw ").append(thrown).append("; the symbol runs without it");
            publish(error);
        });
        symbols.put(worker);
        final ResultEvent status = claimStatus(StatusKind.SUBSCRIBED, 0);
        status.message.append("subscribed on shard ").append(shardId);
        publish(status);
    }

    /** Drops {@code symbol}'s worker, unflushed: nothing more is published for it. */
    private void unsubscribe(final String symbol)
    {
        this.symbol = symbol;
        symbols.remove(symbol);
        final ResultEvent status = claimStatus(StatusKind.UNSUBSCRIBED, 0);
        status.message.append("unsubscribed on shard ").append(shardId);
        publish(status);
    }

    /** The stream is ending: lets every component of {@code worker} flush what it holds. */
    private void endOfStream(final SymbolWorker worker)
    {
        symbol = worker.symbol();
        for (final Service service : Service.values())
        {
            final Component[] components = worker.components(service);
            context.entry(worker, service, timestamp, sequence, receiveNanos); // the end marker's sequence and time
            for (int c = 0; c < components.length; c++)
            {
                if (worker.isQuarantined(service, c))
                {
                    continue;
                }
                try
                {
                    components[c].onEndOfStream(this);
                }
                catch (final Throwable ex)
                {
                    componentFailed(worker, service, c, ex);
                }
            }
        }
    }

    /** A {@code MessagesDropped} flight-recorder event, when a recording wants it (after the error is published). */
    private static void recordDrop(final InboundEvent event, final String cause)
    {
        final MessagesDroppedEvent jfr = new MessagesDroppedEvent();
        if (jfr.isEnabled())
        {
            jfr.count = event.droppedCount;
            jfr.first = event.firstDropped;
            jfr.last = event.lastDropped;
            jfr.cause = cause;
            jfr.commit();
        }
    }

    /** Reports a component's exception, and quarantines the component if it has failed too often. */
    private void componentFailed(final SymbolWorker worker, final Service service, final int index, final Throwable ex)
    {
        componentFailures.increment();
        final String name = worker.components(service)[index].getClass().getSimpleName();
        final String thrown = describe(ex); // before the claim: a claimed slot is always published
        final ResultEvent error = claimError(ErrorKind.COMPONENT_FAILURE, service.name(), ex);
        error.message.append(" component ").append(name).append(" threw ").append(thrown);
        publish(error);
        if (quarantineAfter > 0 && worker.recordFailure(service, index) >= quarantineAfter)
        {
            worker.quarantine(service, index);
            final ResultEvent quarantined = claimError(ErrorKind.COMPONENT_QUARANTINED, service.name(), ex);
            quarantined.message.append(" component ").append(name).append(" quarantined after ")
                .append(quarantineAfter).append(" failures");
            publish(quarantined);
            final QuarantineEvent jfr = new QuarantineEvent();
            if (jfr.isEnabled())
            {
                jfr.symbol = symbol;
                jfr.service = service.name();
                jfr.component = name;
                jfr.failures = quarantineAfter;
                jfr.commit();
            }
        }
    }

    /**
     * {@code ex.toString()}, or its class name when that throws: a user's exception must not stop the
     * report of its own failure. Called before a slot is claimed.
     */
    static String describe(final Throwable ex)
    {
        try
        {
            return String.valueOf(ex);
        }
        catch (final Throwable unprintable)
        {
            return ex.getClass().getName() + " (its toString threw " + unprintable.getClass().getName() + ")";
        }
    }

    @Override
    public void bar(
        final double open, final double high, final double low, final double close,
        final long volume, final long barStartMillis)
    {
        final ResultEvent result = claim(ResultEvent.BAR);
        result.open = open;
        result.high = high;
        result.low = low;
        result.close = close;
        result.volume = volume;
        result.startMillis = barStartMillis;
        publish(result);
    }

    @Override
    public void aggregateBar(
        final int minutes, final double open, final double high, final double low, final double close,
        final long volume, final long windowStartMillis, final int minuteCount, final boolean partial)
    {
        final ResultEvent result = claim(ResultEvent.AGGREGATE_BAR);
        result.minutes = minutes;
        result.open = open;
        result.high = high;
        result.low = low;
        result.close = close;
        result.volume = volume;
        result.startMillis = windowStartMillis;
        result.minuteCount = minuteCount;
        result.partial = partial;
        publish(result);
    }

    @Override
    public void quote(
        final double bid, final double ask, final double last, final long bidSize, final long askSize,
        final long lastSize, final long totalVolume, final long quoteTimeMillis, final long tradeTimeMillis)
    {
        final ResultEvent result = claim(ResultEvent.QUOTE);
        result.bid = bid;
        result.ask = ask;
        result.close = last;
        result.bidSize = bidSize;
        result.askSize = askSize;
        result.lastSize = lastSize;
        result.totalVolume = totalVolume;
        result.quoteTimeMillis = quoteTimeMillis;
        result.tradeTimeMillis = tradeTimeMillis;
        publish(result);
    }

    @Override
    public void book(
        final long timeMillis, final double[] bidPrices, final long[] bidSizes, final int bidCount,
        final double[] askPrices, final long[] askSizes, final int askCount)
    {
        if (bidCount < 0 || bidCount > bidPrices.length || bidCount > bidSizes.length ||
            askCount < 0 || askCount > askPrices.length || askCount > askSizes.length)
        {
            throw new IllegalArgumentException("book levels past their arrays: bidCount=" + bidCount + " askCount=" +
                askCount); // before the claim: the component's failure, reported as such
        }
        final ResultEvent result = claim(ResultEvent.BOOK);
        result.timeMillis = timeMillis;
        result.bidCount = Math.min(bidCount, result.bidPrices.length);
        result.askCount = Math.min(askCount, result.askPrices.length);
        System.arraycopy(bidPrices, 0, result.bidPrices, 0, result.bidCount);
        System.arraycopy(bidSizes, 0, result.bidSizes, 0, result.bidCount);
        System.arraycopy(askPrices, 0, result.askPrices, 0, result.askCount);
        System.arraycopy(askSizes, 0, result.askSizes, 0, result.askCount);
        publish(result);
    }

    @Override
    public void trade(
        final long timeMillis, final double price, final long size, final long tradeSequence,
        final long sessionVolume, final double vwap, final long tradeCount)
    {
        final ResultEvent result = claim(ResultEvent.TRADE);
        result.timeMillis = timeMillis;
        result.price = price;
        result.size = size;
        result.tradeSequence = tradeSequence;
        result.sessionVolume = sessionVolume;
        result.vwap = vwap;
        result.tradeCount = tradeCount;
        publish(result);
    }

    @Override
    public boolean news(
        final long timeMillis, final byte[] buffer, final int idOffset, final int idLength,
        final int headlineOffset, final int headlineLength, final int sourceOffset, final int sourceLength)
    {
        // Before the claim: text outside the buffer is the component's failure, reported as such.
        java.util.Objects.checkFromIndexSize(idOffset, idLength, buffer.length);
        java.util.Objects.checkFromIndexSize(headlineOffset, headlineLength, buffer.length);
        java.util.Objects.checkFromIndexSize(sourceOffset, sourceLength, buffer.length);
        if (idLength > MAX_TEXT_BYTES || headlineLength > MAX_TEXT_BYTES || sourceLength > MAX_TEXT_BYTES)
        {
            reject(ErrorKind.INVALID_ENTRY, TEXT_TOO_LONG);
            return false;
        }
        final ResultEvent result = claim(ResultEvent.NEWS);
        result.timeMillis = timeMillis;
        if (!result.newsId.decode(buffer, idOffset, idLength) ||
            !result.headline.decode(buffer, headlineOffset, headlineLength) ||
            !result.source.decode(buffer, sourceOffset, sourceLength))
        {
            entriesRejected.increment();
            errors[ErrorKind.INVALID_ENTRY.ordinal()].increment();
            context.rejected();
            result.error(ErrorKind.INVALID_ENTRY, INVALID_UTF8, null);
            publish(result);
            return false;
        }
        publish(result);
        return true;
    }

    @Override
    public void custom(final int kind, final double[] values, final int count)
    {
        if (count < 0 || count > io.ringstreamer.result.CustomView.MAX_VALUES || count > values.length)
        {
            throw new IllegalArgumentException("a custom result carries at most " +
                io.ringstreamer.result.CustomView.MAX_VALUES + " values, from an array that holds them: count=" + count +
                " of " + values.length); // before the claim: the component's failure, reported as such
        }
        final ResultEvent result = claim(ResultEvent.CUSTOM);
        result.customKind = kind;
        result.valueCount = count;
        System.arraycopy(values, 0, result.values, 0, result.valueCount);
        publish(result);
    }

    @Override
    public void reject(final ErrorKind kind, final String reason)
    {
        java.util.Objects.requireNonNull(kind, "kind"); // before anything is counted or claimed
        entriesRejected.increment();
        context.rejected();
        publish(claimError(kind, reason, null));
    }

    @Override
    public EntryContext context()
    {
        return context;
    }

    @Override
    public Validation validation()
    {
        return validation;
    }

    @Override
    public void flag(final String reason)
    {
        publish(claimError(ErrorKind.FLAGGED_ENTRY, reason, null));
    }

    /** Claims a slot for an error of {@code kind} (counted by kind), for the current symbol and message. */
    private ResultEvent claimError(final ErrorKind kind, final CharSequence text, final Throwable cause)
    {
        errors[kind.ordinal()].increment();
        final ResultEvent error = claim(ResultEvent.ERROR);
        error.error(kind, text, cause);
        return error;
    }

    /** Claims a slot for a status of {@code kind} (counted by kind), for the current symbol and sequence; text empty. */
    private ResultEvent claimStatus(final StatusKind kind, final int code)
    {
        statuses[kind.ordinal()].increment();
        final ResultEvent status = claim(ResultEvent.STATUS);
        status.status(kind, code);
        return status;
    }

    private ResultEvent claim(final int type)
    {
        final ResultEvent result = outlet.claim();
        result.stamp(type, symbol, sequence, receiveNanos, timestamp);
        return result;
    }

    private void publish(final ResultEvent result)
    {
        outlet.publish(result, sequence);
    }
}
