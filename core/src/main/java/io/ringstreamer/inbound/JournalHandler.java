package io.ringstreamer.inbound;

import com.lmax.disruptor.EventHandler;
import io.ringstreamer.delivery.ResultEvent;
import io.ringstreamer.delivery.ResultOutlet;
import io.ringstreamer.metrics.internal.PaddedCounter;
import io.ringstreamer.metrics.internal.PipelineCounters;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.source.InboundJournal;

import java.util.concurrent.CountDownLatch;

/**
 * Hands every data message of the inbound ring to an {@link InboundJournal}: either as a consumer of the
 * ring of its own, in parallel with the shard handlers, on its own thread ({@code JournalThread.OWN}), or
 * called by the first shard before it processes each event ({@code JournalThread.FIRST_SHARD}). The thread
 * that calls it owns the journal and the state here. Other events are skipped, except the end of the stream,
 * which a journal of its own thread answers, like a shard, with an end marker in the results ring once the
 * journal has finished; the administrator waits for it (on the first shard, the shard's own end marker follows).
 *
 * <p>The journal may hold what it appends until it is flushed ({@link #flush}): at the end of each batch, and on
 * the first shard before any result leaves it (the outlet's {@code beforeDelivery}), so a message is recorded
 * before anything of it is delivered. {@code journaled} counts messages flushed.
 *
 * <p>A failing journal never ends the thread. The first failure of a run of consecutive failures is
 * delivered as a {@code JournalFailure} error with its exception; the rest of the run is counted and
 * summarised in one more error when the run ends (the next success, or the end of the stream), so a
 * full disk does not flood the listener.
 */
public final class JournalHandler implements EventHandler<InboundEvent>
{
    private static final String START_FAILED = "journal failed to start, nothing is recorded: ";
    private static final String APPEND_FAILED = "journal failed to record the message: ";
    private static final String END_FAILED = "journal failed at the end of the stream: ";
    private static final String RUN = "journal failed to record ";
    private static final String FLUSH_FAILED = "journal failed to complete ";

    private final InboundJournal journal;
    private final ResultOutlet outlet;
    private final boolean endsAsProducer;
    private final CountDownLatch started;
    private final PaddedCounter journaled;
    private final PaddedCounter failures;
    private Throwable startFailure;
    private long runCount;
    private long runFirst;
    private long runLast;
    private long pending; // appended since the last flush
    private long pendingLast;
    private Throwable flushFailure; // not yet reported
    private long flushFailedCount;
    private long flushFailedLast;

    public JournalHandler(
        final InboundJournal journal,
        final ResultOutlet outlet,
        final boolean endsAsProducer,
        final PipelineCounters metrics,
        final CountDownLatch started)
    {
        this.journal = journal;
        this.outlet = outlet;
        this.endsAsProducer = endsAsProducer;
        this.started = started;
        this.journaled = metrics.journaled();
        this.failures = metrics.journalErrors()[ErrorKind.JOURNAL_FAILURE.ordinal()];
    }

    @Override
    public void onStart()
    {
        try
        {
            journal.onStart();
        }
        catch (final Throwable ex)
        {
            startFailure = ex;
        }
        finally
        {
            started.countDown();
        }
    }

    @Override
    public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.type == InboundEvent.DATA)
        {
            record(event, sequence);
            if (endOfBatch)
            {
                flush();
                reportFlushFailure(); // here, not inside the outlet: publishing is safe
            }
        }
        else if (event.type == InboundEvent.END_OF_STREAM)
        {
            flush();
            reportFlushFailure();
            endRun();
            if (startFailure == null)
            {
                try
                {
                    journal.onEndOfStream();
                }
                catch (final Throwable ex)
                {
                    failures.increment();
                    report(sequence, END_FAILED, ex);
                }
            }
            if (endsAsProducer)
            {
                final ResultEvent end = outlet.claim();
                end.stamp(ResultEvent.SHARD_END, null, sequence, event.receiveNanos, 0);
                outlet.publish(end, sequence);
            }
        }
        else if (endOfBatch)
        {
            flush(); // a batch that ends on a status or a subscription change ends the excerpt all the same
            reportFlushFailure();
        }
    }

    private void record(final InboundEvent event, final long sequence)
    {
        if (startFailure != null)
        {
            failed(sequence, START_FAILED, startFailure);
            return;
        }
        try
        {
            journal.append(event.bytes, 0, event.length, sequence, event.receiveNanos);
        }
        catch (final Throwable ex)
        {
            failed(sequence, APPEND_FAILED, ex);
            return;
        }
        pending++;
        pendingLast = sequence;
        if (runCount > 0)
        {
            endRun();
        }
        if (journal.wantsFlush())
        {
            flush(); // the journal's excerpt is full: completed, and counted, here
            reportFlushFailure();
        }
    }

    /**
     * Completes what the journal has appended since the last flush ({@link InboundJournal#flush}): at the end of
     * each batch, and, on the first shard, before any result leaves it. A failure is counted against every message
     * it leaves incomplete and reported by {@link #reportFlushFailure} (not here: this may run inside the outlet's
     * delivery).
     */
    public void flush()
    {
        final long pending = this.pending;
        if (pending == 0)
        {
            return;
        }
        this.pending = 0;
        try
        {
            journal.flush();
            journaled.add(pending);
        }
        catch (final Throwable ex)
        {
            failures.add(pending);
            if (flushFailure == null)
            {
                flushFailure = ex;
                flushFailedCount = 0;
            }
            flushFailedCount += pending;
            flushFailedLast = pendingLast;
        }
    }

    /**
     * Delivers the failure of a flush that has not been reported yet, if there is one: the shard calls it after its
     * outlet has delivered the batch (a flush that fails inside the outlet's delivery cannot publish there).
     *
     * @return whether an error was published.
     */
    public boolean reportFlushFailure()
    {
        if (flushFailure == null)
        {
            return false;
        }
        final ResultEvent error = claimError(flushFailedLast, FLUSH_FAILED, flushFailure);
        error.message.append(flushFailedCount).append(" messages (up to sequence ").append(flushFailedLast)
            .append("): ").append(flushFailure);
        flushFailure = null;
        outlet.publish(error, flushFailedLast);
        return true;
    }

    private void failed(final long sequence, final String what, final Throwable ex)
    {
        failures.increment();
        if (runCount++ == 0)
        {
            runFirst = sequence;
            report(sequence, what, ex);
        }
        runLast = sequence;
    }

    /** Ends a run of failures, summarising it if more than its first was left unreported. */
    private void endRun()
    {
        if (runCount > 1)
        {
            final ResultEvent error = claimError(runLast, RUN, null);
            error.message.append(runCount - 1).append(" more messages (after sequence ").append(runFirst)
                .append(", up to ").append(runLast).append(')');
            outlet.publish(error, runLast);
        }
        runCount = 0;
    }

    private void report(final long sequence, final String what, final Throwable ex)
    {
        final ResultEvent error = claimError(sequence, what, ex);
        error.message.append(ex);
        outlet.publish(error, sequence);
    }

    private ResultEvent claimError(final long sequence, final String text, final Throwable cause)
    {
        final ResultEvent error = outlet.claim();
        error.stamp(ResultEvent.ERROR, null, sequence, 0, 0);
        error.error(ErrorKind.JOURNAL_FAILURE, text, cause);
        return error;
    }
}
