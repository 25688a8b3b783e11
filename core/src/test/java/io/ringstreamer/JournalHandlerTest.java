package io.ringstreamer;

import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.InboundJournal;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal hook: a journal attached to a pipeline sees every data message, in order, with its
 * inbound sequence, on the thread {@link JournalThread} names (shard 0's by default), between one {@code onStart}
 * and one {@code onEndOfStream}, and the pipeline ends only after it; its failures are error results and never
 * stop the pipeline. By default a message is recorded before any of its results is delivered.
 */
@Timeout(60)
class JournalHandlerTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(8);
    private static final int MAX_BYTES = 4096;

    static Stream<Arguments> shardsAndThreads()
    {
        return Stream.of(1, 2, 3).flatMap(shards -> Arrays.stream(JournalThread.values())
            .map(thread -> Arguments.of(shards, thread)));
    }

    @ParameterizedTest
    @MethodSource("shardsAndThreads")
    void shouldRecordEveryDataMessageInOrderWhenAJournalIsAttached(final int shards, final JournalThread thread)
        throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final List<byte[]> messages = new ArrayList<>(SyntheticBars.messages(SYMBOLS, 2, 500, iteration));
            messages.add(100, "not json".getBytes(StandardCharsets.US_ASCII)); // malformed but data: recorded
            messages.add(200, new byte[MAX_BYTES + 1]);                         // too large: not in the ring
            final RecordingJournal journal = new RecordingJournal(sequence -> false);
            final CollectingListener listener = run(shards, thread, messages, journal, new Pipeline[1]);

            assertEquals(1, journal.starts);
            assertEquals(1, journal.ends);
            assertTrue(journal.endedBeforeListener, "the journal ends before the listener's end of stream");
            assertTrue(journal.threadName.endsWith(thread == JournalThread.OWN ? "-journal" : "-shard-0"),
                journal.threadName);
            assertEquals(messages.size() - 1, journal.recorded.size());
            int recorded = 0;
            long lastSequence = -1;
            for (int i = 0; i < messages.size(); i++)
            {
                if (i == 200)
                {
                    continue;
                }
                final Recorded r = journal.recorded.get(recorded++);
                assertArrayEquals(messages.get(i), r.bytes, "message " + i);
                assertTrue(r.sequence > lastSequence);
                assertEquals(i, r.sequence, "one message, one inbound sequence");
                lastSequence = r.sequence;
            }
            assertEquals(1000, listener.barCount());
            assertEquals(List.of(ErrorKind.MALFORMED_MESSAGE, ErrorKind.MESSAGE_TOO_LARGE),
                listener.errors.stream().map(StreamError::kind).toList());
            journal.close();
        }
    }

    @ParameterizedTest
    @MethodSource("shardsAndThreads")
    void shouldReportARunOfFailuresOnceAndKeepProcessingWhenTheJournalThrows(final int shards,
                                                                              final JournalThread thread)
        throws Exception
    {
        for (int iteration = 0; iteration < 5; iteration++)
        {
            runOfFailures(shards, thread);
        }
    }

    private static void runOfFailures(final int shards, final JournalThread thread) throws Exception
    {
        final List<byte[]> messages = SyntheticBars.messages(SYMBOLS, 2, 300, 7);
        final RecordingJournal journal = new RecordingJournal(sequence -> sequence >= 10 && sequence < 20);
        final Pipeline[] pipeline = new Pipeline[1];
        final CollectingListener listener = run(shards, thread, messages, journal, pipeline);

        assertEquals(600, listener.barCount(), "processing goes on");
        assertEquals(290, journal.recorded.size());
        final List<StreamError> errors = listener.errors;
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(ErrorKind.JOURNAL_FAILURE, errors.get(0).kind());
        assertEquals(10, errors.get(0).sequence());
        assertTrue(errors.get(0).message().contains("disk full at 10"), errors.get(0).message());
        assertEquals(ErrorKind.JOURNAL_FAILURE, errors.get(1).kind());
        assertTrue(errors.get(1).message().contains("9 more messages"), errors.get(1).message());
        final MetricsSnapshot metrics = pipeline[0].metrics().snapshot();
        assertEquals(10L, metrics.errorsByKind().get(ErrorKind.JOURNAL_FAILURE));
        assertEquals(290, pipeline[0].metrics().journaled());
        assertEquals(1, journal.ends);
    }

    @ParameterizedTest
    @EnumSource(JournalThread.class)
    void shouldCountEveryMessageAsAFailureWhenTheJournalCannotStart(final JournalThread thread) throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            startFailure(thread);
        }
    }

    private static void startFailure(final JournalThread thread) throws Exception
    {
        final List<byte[]> messages = SyntheticBars.messages(SYMBOLS, 2, 100, 3);
        final RecordingJournal journal = new RecordingJournal(sequence -> false);
        journal.failStart = true;
        final Pipeline[] pipeline = new Pipeline[1];
        final CollectingListener listener = run(1, thread, messages, journal, pipeline);

        assertEquals(200, listener.barCount());
        assertEquals(List.of(), journal.recorded);
        assertEquals(0, journal.ends, "a journal that did not start is not ended");
        assertEquals(2, listener.errors.size(), listener.errors.toString());
        assertTrue(listener.errors.get(0).message().startsWith("journal failed to start"));
        assertTrue(listener.errors.get(1).message().contains("99 more messages"));
        assertEquals(100L, pipeline[0].metrics().snapshot().errorsByKind().get(ErrorKind.JOURNAL_FAILURE));
    }

    @ParameterizedTest
    @MethodSource("shardsAndThreads")
    void shouldDeliverTheFailureBeforeTheEndWhenTheJournalFailsToFinish(final int shards, final JournalThread thread)
        throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            final RecordingJournal journal = new RecordingJournal(sequence -> false);
            journal.failEnd = true;
            final CollectingListener listener =
                run(shards, thread, SyntheticBars.messages(SYMBOLS, 2, 50, 5), journal, new Pipeline[1]);

            assertEquals(100, listener.barCount());
            assertEquals(1, listener.errors.size());
            assertEquals(ErrorKind.JOURNAL_FAILURE, listener.errors.get(0).kind());
            assertEquals(1, listener.endCalls);
        }
    }

    @Test
    void shouldKeepTheListenerOnTheShardThreadWhenOneShardRecordsTheJournalByDefault() throws Exception
    {
        final RecordingJournal journal = new RecordingJournal(sequence -> false);
        final CollectingListener listener = new CollectingListener();
        journal.listener = listener;
        for (final Pipeline.Builder builder : List.of(Pipeline.builder().journal(journal),
            Pipeline.builder().journal(journal, JournalThread.FIRST_SHARD)))
        {
            try (Pipeline pipeline = builder.symbols(SYMBOLS).shards(1)
                .streamer(publisher -> { }).listener(listener).build())
            {
                assertEquals(Delivery.SHARD_THREAD, pipeline.delivery());
                final List<String> names = pipeline.threads().stream().map(Thread::getName).toList();
                assertEquals(3, names.size(), "streamer, drainer, shard 0: " + names);
                assertTrue(names.get(2).endsWith("-shard-0") && names.stream().noneMatch(n -> n.endsWith("-journal")),
                    names.toString());
            }
        }
        try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).journal(journal, JournalThread.OWN)
            .streamer(publisher -> { }).listener(listener).build())
        {
            assertEquals(Delivery.ADMINISTRATOR, pipeline.delivery(), "a journal thread produces results too");
            assertTrue(pipeline.threads().stream().anyMatch(t -> t.getName().endsWith("-journal")));
        }
    }

    @ParameterizedTest
    @CsvSource({"1,AUTO", "2,ONCE", "3,ONCE"})
    void shouldRecordEveryMessageBeforeAnyOfItsResultsIsDeliveredWhenTheJournalIsTheDefault(final int shards,
                                                                                           final DecodeMode decode)
        throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final List<byte[]> messages = SyntheticBars.messages(SYMBOLS, 2, 2000, iteration);
            final RecordingJournal journal = new RecordingJournal(sequence -> false);
            journal.batches = true;
            if (iteration % 2 == 1) // every other run, a journal that asks for flushes, with a backlog to batch
            {
                journal.flushEvery = 7;
                journal.holdFirstAppend = new java.util.concurrent.CountDownLatch(1);
            }
            final OrderCheckingListener listener = new OrderCheckingListener(journal);
            try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(shards).decode(decode).ringSize(64)
                .journal(journal)
                .streamer((final MessagePublisher publisher) ->
                {
                    for (final byte[] message : messages)
                    {
                        publisher.publish(message, 0, message.length);
                    }
                    if (journal.holdFirstAppend != null)
                    {
                        journal.holdFirstAppend.countDown(); // the rest waits in the ring and the spill: long batches
                    }
                })
                .listener(listener)
                .build()
                .start())
            {
                assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertEquals(4000, listener.bars);
            assertEquals(List.of(), listener.errors);
            assertEquals(0, listener.deliveredBeforeRecorded,
                "results delivered before their message was recorded, first at sequence " + listener.firstEarly);
            assertEquals(2000, journal.recorded.size());
            assertEquals(0, journal.emptyFlushes, "flushed only with something appended");
            if (decode == DecodeMode.ONCE && shards > 1)
            {
                assertEquals(2000, journal.flushes, "shard 0 completes each message before the others may read it");
            }
            else if (journal.flushEvery > 0)
            {
                assertTrue(journal.flushesAsked > 0, "flushed when the journal asked");
            }
            assertTrue(journal.pending.isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("shardsAndThreads")
    void shouldCountEveryMessageOfAFailedFlushAndGoOnWhenTheJournalCannotComplete(final int shards,
                                                                                  final JournalThread thread)
        throws Exception
    {
        for (int iteration = 0; iteration < 5; iteration++)
        {
            final List<byte[]> messages = SyntheticBars.messages(SYMBOLS, 2, 300, iteration);
            final RecordingJournal journal = new RecordingJournal(sequence -> false);
            journal.batches = true;
            journal.failFlush = flush -> flush == 3 || flush == 4;
            final Pipeline[] pipeline = new Pipeline[1];
            final CollectingListener listener = run(shards, thread, messages, journal, pipeline);

            assertEquals(600, listener.barCount(), "processing goes on");
            assertTrue(journal.lost > 0, "the third and fourth flushes held messages");
            assertEquals(300, journal.recorded.size() + journal.lost);
            assertEquals(journal.recorded.size(), pipeline[0].metrics().journaled(), "journaled counts completed ones");
            final MetricsSnapshot metrics = pipeline[0].metrics().snapshot();
            assertEquals((long)journal.lost, metrics.errorsByKind().get(ErrorKind.JOURNAL_FAILURE), "each lost one counted");
            final List<StreamError> errors = listener.errors;
            assertTrue(errors.size() == 1 || errors.size() == 2, errors.toString()); // the two flushes' failures
            int reported = 0;
            for (final StreamError error : errors)
            {
                assertEquals(ErrorKind.JOURNAL_FAILURE, error.kind());
                assertTrue(error.message().contains("cannot complete flush "), error.message());
                final java.util.regex.Matcher count =
                    java.util.regex.Pattern.compile("complete (\\d+) messages").matcher(error.message());
                assertTrue(count.find(), error.message());
                reported += Integer.parseInt(count.group(1));
            }
            assertEquals(journal.lost, reported, "the report counts every message the failed flushes held");
            assertEquals(1, journal.ends);
        }
    }

    @Test
    void shouldCompleteABatchThatEndsOnAStatusWhenTheJournalIsOnItsOwnThread() throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            final List<byte[]> messages = SyntheticBars.messages(SYMBOLS, 2, 21, iteration);
            final RecordingJournal journal = new RecordingJournal(sequence -> false);
            journal.batches = true;
            journal.holdFirstAppend = new java.util.concurrent.CountDownLatch(1);
            final boolean[] completedBeforeTheEnd = new boolean[1];
            try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).ringSize(64)
                .journal(journal, JournalThread.OWN)
                .streamer((final MessagePublisher publisher) ->
                {
                    for (final byte[] message : messages)
                    {
                        publisher.publish(message, 0, message.length);
                    }
                    publisher.publishStatus(io.ringstreamer.result.StatusKind.SUBSCRIBED, 0, "after the messages");
                    journal.holdFirstAppend.countDown(); // the journal's next batch: messages 1 to 20, then the status
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (journal.lastRecorded < messages.size() - 1 && System.nanoTime() < deadline)
                    {
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000); // polling a condition, bounded
                    }
                    completedBeforeTheEnd[0] = journal.lastRecorded == messages.size() - 1;
                })
                .listener(new CollectingListener())
                .build()
                .start())
            {
                assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
            }
            assertTrue(completedBeforeTheEnd[0], "the batch ending on the status was flushed without waiting for more");
            assertEquals(messages.size(), journal.recorded.size());
        }
    }

    @Test
    void shouldRunNoJournalThreadWhenNoJournalIsAttached() throws Exception
    {
        try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(2)
            .streamer(publisher -> { }).listener(new CollectingListener()).build())
        {
            assertFalse(pipeline.threads().stream().anyMatch(t -> t.getName().endsWith("-journal")));
            assertEquals(5, pipeline.threads().size(), "streamer, drainer, two shards, administrator");
        }
    }

    private static CollectingListener run(
        final int shards, final JournalThread thread, final List<byte[]> messages, final RecordingJournal journal,
        final Pipeline[] started)
        throws Exception
    {
        final CollectingListener listener = new CollectingListener();
        journal.listener = listener;
        try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(shards).ringSize(64)
            .maxMessageBytes(MAX_BYTES).journal(journal, thread)
            .streamer((final MessagePublisher publisher) ->
            {
                for (final byte[] message : messages)
                {
                    publisher.publish(message, 0, message.length);
                }
            })
            .listener(listener)
            .build()
            .start())
        {
            started[0] = pipeline;
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        return listener;
    }

    private record Recorded(long sequence, byte[] bytes)
    {
    }

    /**
     * Counts the results delivered before the journal had recorded their message. Called on the thread that
     * calls the listener; read by the test thread after the pipeline has terminated.
     */
    private static final class OrderCheckingListener implements io.ringstreamer.result.ResultListener
    {
        final RecordingJournal journal;
        final List<StreamError> errors = new ArrayList<>();
        int bars;
        int deliveredBeforeRecorded;
        long firstEarly = -1;

        OrderCheckingListener(final RecordingJournal journal)
        {
            this.journal = journal;
        }

        @Override
        public void onBar(final io.ringstreamer.result.BarView bar)
        {
            bars++;
            check(bar.sequence());
        }

        @Override
        public void onError(final io.ringstreamer.result.ErrorView error)
        {
            errors.add(error.toError());
            check(error.sequence());
        }

        private void check(final long sequence)
        {
            if (sequence > journal.lastRecorded && deliveredBeforeRecorded++ == 0)
            {
                firstEarly = sequence;
            }
        }
    }

    /** Copies what it is given; fails on chosen sequences. Journal thread, then the test thread after the end. */
    private static final class RecordingJournal implements InboundJournal
    {
        final List<Recorded> recorded = new ArrayList<>();
        final List<Recorded> pending = new ArrayList<>();
        final LongPredicate failAt;
        /** Whether appended messages wait for the flush; which flushes (counted from 1) fail. */
        boolean batches;
        /** With {@link #batches}: asks for a flush once this many are pending (0: never). */
        int flushEvery;
        int flushesAsked;
        /** Opened by the test: the first append waits for it. */
        java.util.concurrent.CountDownLatch holdFirstAppend;
        java.util.function.IntPredicate failFlush = flush -> false;
        int flushes;
        int emptyFlushes;
        int lost;
        /** The last sequence recorded, for a listener on another thread. */
        volatile long lastRecorded = -1;
        boolean failStart;
        boolean failEnd;
        int starts;
        int ends;
        boolean endedBeforeListener;
        String threadName = "";
        CollectingListener listener;

        RecordingJournal(final LongPredicate failAt)
        {
            this.failAt = failAt;
        }

        @Override
        public void onStart()
        {
            starts++;
            threadName = Thread.currentThread().getName();
            if (failStart)
            {
                throw new IllegalStateException("no such directory");
            }
        }

        @Override
        public void append(final byte[] buffer, final int offset, final int length, final long sequence,
            final long receiveNanos) throws IOException
        {
            if (sequence == 0 && holdFirstAppend != null)
            {
                try
                {
                    holdFirstAppend.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            if (failAt.test(sequence))
            {
                throw new IOException("disk full at " + sequence);
            }
            final Recorded message = new Recorded(sequence, Arrays.copyOfRange(buffer, offset, offset + length));
            if (batches)
            {
                pending.add(message); // complete only once flushed, as ChronicleJournal's excerpts
                return;
            }
            recorded.add(message);
            lastRecorded = sequence;
        }

        @Override
        public boolean wantsFlush()
        {
            return flushEvery > 0 && pending.size() >= flushEvery;
        }

        @Override
        public void flush() throws IOException
        {
            flushes++;
            if (flushEvery > 0 && pending.size() >= flushEvery)
            {
                flushesAsked++;
            }
            if (pending.isEmpty())
            {
                emptyFlushes++;
                return;
            }
            if (failFlush.test(flushes))
            {
                lost += pending.size();
                pending.clear();
                throw new IOException("cannot complete flush " + flushes);
            }
            recorded.addAll(pending);
            lastRecorded = pending.get(pending.size() - 1).sequence();
            pending.clear();
        }

        @Override
        public void onEndOfStream() throws IOException
        {
            ends++;
            endedBeforeListener = listener != null && listener.endCalls == 0;
            if (failEnd)
            {
                throw new IOException("cannot flush");
            }
        }

        @Override
        public void close()
        {
        }
    }
}
