package io.ringstreamer.shard;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;

import java.util.concurrent.locks.LockSupport;

/**
 * The barrier of a shard that runs behind shard 0 (messages decoded once, {@code DecodeMode.ONCE}):
 * waits for the ring's cursor through the ring's own barrier (the pipeline's wait strategy, which the
 * streamer signals), then for shard 0's sequence with a back-off of its own. A Disruptor barrier with
 * shard 0 as its dependency would busy-spin on shard 0's sequence once the cursor has passed (shard 0's
 * progress signals nothing), so a follower faster than shard 0, which it is (it skips the decode), would
 * keep a core busy waiting for it. Here it spins a little, then yields, then parks briefly and takes what
 * shard 0 has done meanwhile as one batch; with {@code spinOnly} (busy-spin waits, the low-latency
 * profile) it spins throughout. One per follower shard; {@link #waitFor} runs on that shard's thread,
 * {@link #alert} on the thread halting it.
 */
public final class FollowerBarrier implements SequenceBarrier
{
    private static final int SPINS = 100;
    private static final int YIELDS = 10;
    private static final long PARK_NANOS = 20_000;

    private final SequenceBarrier cursorBarrier;
    private final Sequence leader;
    private final boolean spinOnly;

    /**
     * @param cursorBarrier a barrier of the ring with no dependency: it waits for published slots.
     * @param leader        shard 0's sequence: every slot up to it is published and indexed.
     * @param spinOnly      whether to busy-spin on the leader instead of backing off.
     */
    public FollowerBarrier(final SequenceBarrier cursorBarrier, final Sequence leader, final boolean spinOnly)
    {
        this.cursorBarrier = cursorBarrier;
        this.leader = leader;
        this.spinOnly = spinOnly;
    }

    @Override
    public long waitFor(final long sequence) throws AlertException, InterruptedException, TimeoutException
    {
        cursorBarrier.checkAlert();
        long available = leader.get();
        if (available >= sequence)
        {
            return available;
        }
        cursorBarrier.waitFor(sequence);
        int tries = 0;
        while ((available = leader.get()) < sequence)
        {
            cursorBarrier.checkAlert();
            if (spinOnly || tries < SPINS)
            {
                Thread.onSpinWait();
            }
            else if (tries < SPINS + YIELDS)
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(PARK_NANOS);
            }
            tries++;
        }
        return available;
    }

    @Override
    public long getCursor()
    {
        return leader.get();
    }

    @Override
    public boolean isAlerted()
    {
        return cursorBarrier.isAlerted();
    }

    @Override
    public void alert()
    {
        cursorBarrier.alert();
    }

    @Override
    public void clearAlert()
    {
        cursorBarrier.clearAlert();
    }

    @Override
    public void checkAlert() throws AlertException
    {
        cursorBarrier.checkAlert();
    }
}
