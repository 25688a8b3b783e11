package io.ringstreamer;

import io.ringstreamer.format.CanonicalEncoder;
import io.ringstreamer.format.Service;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.MessageClaim;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.OverflowPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim/commit publish through a real pipeline: messages written in place into the inbound ring
 * (with {@link CanonicalEncoder}), aborted and abandoned claims, and a full ring under each overflow policy.
 */
@Timeout(120)
class ClaimPublishTest
{
    private static final long T = 1_720_522_980_000L;

    /** Records each quote's bid (the message's number) and every error; may hold the shard until let go. */
    private static final class Quotes implements ResultListener
    {
        final List<Double> bids = new CopyOnWriteArrayList<>();
        final List<StreamError> errors = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;

        Quotes(final boolean gated)
        {
            gate = new CountDownLatch(gated ? 1 : 0);
        }

        @Override
        public void onBar(final io.ringstreamer.result.BarView bar)
        {
        }

        @Override
        public void onQuote(final QuoteView quote)
        {
            awaitGate();
            bids.add(quote.bid());
        }

        @Override
        public void onError(final ErrorView error)
        {
            awaitGate();
            errors.add(error.toError());
        }

        private void awaitGate()
        {
            try
            {
                gate.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        void assertIncreasing(final long count)
        {
            assertEquals(count, bids.size());
            for (int i = 1; i < bids.size(); i++)
            {
                assertTrue(bids.get(i) > bids.get(i - 1), "in order: " + bids.get(i - 1) + " then " + bids.get(i));
            }
        }
    }

    /** Claims, writes quote {@code number} of symbol A in place, and returns the claim uncommitted with its length. */
    private static int write(final MessageClaim claim, final CanonicalEncoder encoder, final long number)
    {
        return encoder.begin(claim.buffer(), claim.offset(), claim.capacity(), Service.LEVELONE_EQUITIES, T)
            .symbol("A").field("bid", (double)number).end();
    }

    private static long claimAndCommit(final MessagePublisher publisher, final CanonicalEncoder encoder,
                                       final long number)
    {
        final MessageClaim claim = publisher.claim(128);
        assertTrue(claim.capacity() >= 128);
        return claim.commit(write(claim, encoder, number));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldDeliverEveryClaimedMessageInOrderWhenClaimsAndPublishesInterleave(final int shards) throws Exception
    {
        final int total = 20_000;
        final Quotes listener = new Quotes(false);
        try (Pipeline pipeline = Pipeline.builder().symbols("A", "B").shards(shards).ringSize(64)
            .streamer(publisher ->
            {
                final CanonicalEncoder encoder = new CanonicalEncoder();
                final byte[] copy = new byte[128];
                for (int i = 1; i <= total; i++)
                {
                    if (i % 3 == 0) // a plain publish between claims
                    {
                        final int length = encoder.begin(copy, 0, copy.length, Service.LEVELONE_EQUITIES, T)
                            .symbol("A").field("bid", (double)i).end();
                        assertTrue(publisher.publish(copy, 0, length) >= 0);
                    }
                    else
                    {
                        assertTrue(claimAndCommit(publisher, encoder, i) >= 0);
                    }
                }
            })
            .listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(total, m.received());
            assertEquals(total, m.processed());
        }
        listener.assertIncreasing(total);
        assertEquals(List.of(), listener.errors);
    }

    @Test
    void shouldSkipAbortedAndAbandonedClaimsWhenTheStreamGoesOn() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final Quotes listener = new Quotes(false);
            final long[] committed = new long[1];
            try (Pipeline pipeline = Pipeline.builder().symbols("A").shards(1 + iteration % 2).ringSize(16)
                .journal(iteration % 4 == 3 ? new CountingJournal() : null)
                .streamer(publisher ->
                {
                    final CanonicalEncoder encoder = new CanonicalEncoder();
                    for (int i = 1; i <= 200; i++)
                    {
                        final MessageClaim claim = publisher.claim(128);
                        final int length = write(claim, encoder, i);
                        switch (i % 4)
                        {
                            case 0:
                                claim.abort();
                                assertThrows(IllegalStateException.class, () -> claim.commit(length), "aborted already");
                                break;
                            case 1:
                                break; // left open: the next call aborts it
                            case 2:
                                assertThrows(IndexOutOfBoundsException.class, () -> claim.commit(claim.capacity() + 1));
                                break; // the claim was aborted: nothing published
                            default:
                                assertTrue(claim.commit(length) >= 0);
                                assertThrows(IllegalStateException.class, claim::abort, "committed already");
                                committed[0]++;
                                break;
                        }
                    }
                    publisher.claim(64); // left open at the end of the stream
                })
                .listener(listener).build().start())
            {
                assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS), "no claimed slot held the ring");
                final MetricsSnapshot m = pipeline.metrics().snapshot();
                assertEquals(50, committed[0]);
                assertEquals(50, m.received(), "an aborted claim is not a message");
                assertEquals(50, m.processed());
            }
            listener.assertIncreasing(50);
            assertEquals(List.of(), listener.errors, "the skipped slots are not reported");
        }
    }

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void shouldApplyTheOverflowPolicyAtTheCommitWhenTheRingIsFull(final OverflowPolicy policy) throws Exception
    {
        for (int iteration = 0; iteration < 10; iteration++)
        {
            final Quotes listener = new Quotes(true);
            final long[] outcomes = new long[2]; // accepted, dropped
            final int total = 2_000;
            final Pipeline pipeline = Pipeline.builder().symbols("A").shards(1 + iteration % 2).ringSize(16)
                .resultRingSize(16).overflowPolicy(policy)
                .streamer(publisher ->
                {
                    final CanonicalEncoder encoder = new CanonicalEncoder();
                    for (int i = 1; i <= total; i++)
                    {
                        final long result = claimAndCommit(publisher, encoder, i);
                        outcomes[result == MessagePublisher.DROPPED ? 1 : 0]++;
                        if (i == total / 2 && policy != OverflowPolicy.BLOCK)
                        {
                            listener.gate.countDown(); // the ring of 16 overflowed long ago
                        }
                    }
                })
                .listener(listener).build().start();
            if (policy == OverflowPolicy.BLOCK)
            {
                final Thread streamer = pipeline.threads().get(0);
                while (streamer.getState() != Thread.State.TIMED_WAITING) // parked: a commit waits for room
                {
                    Thread.onSpinWait();
                }
                listener.gate.countDown();
            }
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            final MetricsSnapshot m = pipeline.metrics().snapshot();
            assertEquals(total, m.received());
            assertEquals(outcomes[1], m.dropped());
            assertEquals(outcomes[0], m.processed());
            listener.assertIncreasing(outcomes[0]);
            if (policy == OverflowPolicy.DROP_NEWEST)
            {
                assertTrue(outcomes[1] > 0, "a ring of 16 overflows while the listener is held");
                assertEquals(outcomes[1], listener.errors.stream().filter(e -> e.kind() == ErrorKind.MESSAGES_DROPPED)
                    .mapToLong(StreamError::droppedCount).sum());
            }
            else
            {
                assertEquals(0, outcomes[1]);
                if (policy == OverflowPolicy.SPILL)
                {
                    assertTrue(m.spilled() > 0, "claims made while the ring was full spilled");
                }
            }
        }
    }

    @Test
    void shouldCommitAsClosedWhenThePipelineHasEnded() throws Exception
    {
        final MessagePublisher[] leaked = new MessagePublisher[1];
        try (Pipeline pipeline = Pipeline.builder().symbols("A").streamer(publisher -> leaked[0] = publisher)
            .listener(new Quotes(false)).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        final MessageClaim claim = leaked[0].claim(16);
        assertTrue(claim.capacity() >= 16, "a claim is handed out all the same");
        assertEquals(MessagePublisher.CLOSED, claim.commit(3));
    }

    @Test
    void shouldReportAMessageTooLargeWhenAClaimBeyondTheMaximumIsCommittedLong() throws Exception
    {
        final Quotes listener = new Quotes(false);
        try (Pipeline pipeline = Pipeline.builder().symbols("A").maxMessageBytes(100).slotBytes(64)
            .streamer(publisher ->
            {
                final CanonicalEncoder encoder = new CanonicalEncoder();
                final MessageClaim big = publisher.claim(500); // past the maximum: a scratch array
                assertTrue(big.capacity() >= 500);
                final int length = encoder.begin(big.buffer(), big.offset(), big.capacity(), Service.LEVELONE_EQUITIES, T)
                    .symbol("A").field("bid", 1.0).field("padding", "x".repeat(200)).end();
                assertTrue(big.commit(length) >= 0);
                final MessageClaim small = publisher.claim(100); // fits: the slot grows to it
                assertTrue(small.capacity() >= 100 && small.capacity() <= 100, "no more than the maximum");
                assertTrue(small.commit(write(small, encoder, 2)) >= 0);
            })
            .listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(2.0), listener.bids);
        assertEquals(List.of(ErrorKind.MESSAGE_TOO_LARGE), listener.errors.stream().map(StreamError::kind).toList());
    }

    /** Counts journaled messages (a skipped slot must not be one). Journal thread. */
    private static final class CountingJournal implements io.ringstreamer.source.InboundJournal
    {
        long messages;

        @Override
        public void onStart()
        {
        }

        @Override
        public void append(final byte[] buffer, final int offset, final int length, final long sequence,
                           final long receiveNanos)
        {
            messages++;
        }

        @Override
        public void onEndOfStream()
        {
            if (messages != 50)
            {
                throw new AssertionError("journaled " + messages);
            }
        }

        @Override
        public void close()
        {
        }
    }
}
