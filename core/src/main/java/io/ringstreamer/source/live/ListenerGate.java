package io.ringstreamer.source.live;

/**
 * Lets one side at a time use a connection's protocol and publisher: the JDK's listener thread
 * ({@link #enter}/{@link #exit}, around each callback) or another thread ({@link #hold}/{@link #release}:
 * a subscription change sending its request, or the streamer thread ending the connection with
 * {@link #holdAndClose}). Two volatile flags, no lock and no compare-and-set: each side writes its own
 * flag, then reads the other's (Dekker's idea; Java's volatile accesses are sequentially consistent, so
 * both cannot pass). The listener gives way: while another thread holds the gate, it lowers its flag and
 * waits. Waiting is {@link Thread#yield()}: a hold lasts one send or one close, a callback one message.
 *
 * <p>Threads: {@link #enter}/{@link #exit} by the listener (one callback at a time, as the JDK calls
 * them); {@link #hold}/{@link #release}/{@link #holdAndClose} by other threads, serialised by the caller
 * (the streamer's change lock); {@link #isBusy} by any thread.
 */
final class ListenerGate
{
    /** The listener is inside a callback. */
    private volatile boolean busy;
    /** Another thread holds the protocol and publisher; the listener waits at the gate. */
    private volatile boolean held;
    /** The connection has ended: the listener does nothing more. */
    private volatile boolean closed;

    /**
     * The listener enters a callback; it waits while another thread holds the gate.
     *
     * @return false if the gate has closed for good: the callback must do nothing (and not call {@link #exit}).
     */
    boolean enter()
    {
        busy = true;
        while (held)
        {
            busy = false;
            while (held)
            {
                Thread.yield();
            }
            busy = true;
        }
        if (closed)
        {
            busy = false;
            return false;
        }
        return true;
    }

    /** The listener leaves the callback it {@link #enter entered}. */
    void exit()
    {
        busy = false;
    }

    /**
     * Another thread takes the protocol and publisher, waiting out a callback in progress.
     *
     * @return false if the gate has closed for good (nothing held: do not {@link #release}).
     */
    boolean hold()
    {
        held = true;
        while (busy)
        {
            Thread.yield();
        }
        if (closed)
        {
            held = false;
            return false;
        }
        return true;
    }

    /** Gives the gate back to the listener after a successful {@link #hold}. */
    void release()
    {
        held = false;
    }

    /** Waits out a callback in progress and closes the gate for good: every later enter and hold fails. */
    void holdAndClose()
    {
        held = true;
        while (busy)
        {
            Thread.yield();
        }
        closed = true;
        held = false;
    }

    /** Whether the listener is inside a callback now. Any thread. */
    boolean isBusy()
    {
        return busy;
    }
}
