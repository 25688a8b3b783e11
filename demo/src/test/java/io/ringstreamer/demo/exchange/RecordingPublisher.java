package io.ringstreamer.demo.exchange;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A publisher that records instead of publishing into a ring, and checks the contract that one thread
 * at a time uses it (an overlap is recorded as a violation). Lets a test drive a streamer's
 * {@code stream} on its own thread.
 */
final class RecordingPublisher implements MessagePublisher
{
    /** One status or error, as published. */
    record Event(String kind, int code, String message)
    {
    }

    final AtomicLong messages = new AtomicLong();
    final List<String> lastMessages = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    volatile boolean closed;

    private void enter()
    {
        if (inside.incrementAndGet() != 1)
        {
            overlaps.incrementAndGet();
        }
    }

    private void exit()
    {
        inside.decrementAndGet();
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        enter();
        try
        {
            if (closed)
            {
                return CLOSED;
            }
            synchronized (this)
            {
                if (lastMessages.size() == 16)
                {
                    lastMessages.remove(0);
                }
                lastMessages.add(new String(source, offset, length, StandardCharsets.UTF_8));
            }
            return messages.getAndIncrement();
        }
        finally
        {
            exit();
        }
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        return record(kind.label(), code, message);
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        return record(kind.label(), code, message);
    }

    private long record(final String kind, final int code, final CharSequence message)
    {
        enter();
        try
        {
            if (closed)
            {
                return CLOSED;
            }
            synchronized (this)
            {
                events.add(new Event(kind, code, message.toString()));
                return events.size();
            }
        }
        finally
        {
            exit();
        }
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    synchronized List<Event> events()
    {
        return List.copyOf(events);
    }

    synchronized long count(final String kind)
    {
        return events.stream().filter(e -> e.kind().equals(kind)).count();
    }

    /** Polls {@code condition} until it holds or {@code seconds} pass. */
    static boolean await(final BooleanSupplier condition, final long seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
