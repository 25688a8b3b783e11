package io.ringstreamer.demo.exchange;

import java.util.function.BooleanSupplier;

/** Polls an observable condition with a deadline (for tests outside this package). */
public final class Polling
{
    private Polling()
    {
    }

    /** Whether {@code condition} held within {@code seconds}. */
    public static boolean await(final BooleanSupplier condition, final long seconds) throws InterruptedException
    {
        return RecordingPublisher.await(condition, seconds);
    }
}
