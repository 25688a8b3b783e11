package io.ringstreamer.source.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class ListenerGateTest
{
    /** Plain (unsynchronised) state that both sides change inside the gate: lost updates would show overlap. */
    private static final class Shared
    {
        long count;
        boolean inside;
    }

    @Test
    void shouldLetOneSideInAtATimeWhenTheListenerAndAnotherThreadRace() throws Exception
    {
        for (int iteration = 0; iteration < 50; iteration++)
        {
            final ListenerGate gate = new ListenerGate();
            final Shared shared = new Shared();
            final int rounds = 20_000;
            final AtomicReference<String> overlap = new AtomicReference<>();
            final CountDownLatch go = new CountDownLatch(1);
            final Thread listener = new Thread(() ->
            {
                await(go);
                for (int i = 0; i < rounds; i++)
                {
                    assertTrue(gate.enter());
                    touch(shared, overlap, "listener");
                    gate.exit();
                }
            });
            final Thread holder = new Thread(() ->
            {
                await(go);
                for (int i = 0; i < rounds; i++)
                {
                    assertTrue(gate.hold());
                    touch(shared, overlap, "holder");
                    gate.release();
                }
            });
            listener.start();
            holder.start();
            go.countDown();
            listener.join();
            holder.join();
            assertNull(overlap.get());
            assertEquals(2L * rounds, shared.count, "no increment lost: never both inside");
        }
    }

    @Test
    void shouldShutBothSidesOutWhenClosedAfterWaitingOutACallback() throws Exception
    {
        for (int iteration = 0; iteration < 200; iteration++)
        {
            final ListenerGate gate = new ListenerGate();
            assertTrue(gate.enter());
            final CountDownLatch closing = new CountDownLatch(1);
            final Thread closer = new Thread(() ->
            {
                closing.countDown();
                gate.holdAndClose(); // waits until the callback below exits
            });
            closer.start();
            closing.await();
            assertTrue(gate.isBusy());
            gate.exit();
            closer.join();
            assertFalse(gate.enter(), "the listener does nothing more");
            assertFalse(gate.isBusy());
            assertFalse(gate.hold(), "nor does another thread");
        }
    }

    private static void touch(final Shared shared, final AtomicReference<String> overlap, final String who)
    {
        if (shared.inside)
        {
            overlap.compareAndSet(null, who + " found the other side inside");
        }
        shared.inside = true;
        final long count = shared.count;
        Thread.onSpinWait();
        shared.count = count + 1;
        shared.inside = false;
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
