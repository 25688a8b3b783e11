package io.ringstreamer.jfr;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * Whether the streamer thread's events ({@link ReaderStallEvent}, {@link SpillEvent}) are enabled in any
 * recording, checked without allocating: while the flight recorder has never been started, a volatile
 * read; after that, each {@link EventType} is looked up once (a class holder each) and read. The rare
 * events (a drop report, a quarantine, a reconnect) are checked on an instance.
 */
public final class FlightEvents
{
    private FlightEvents()
    {
    }

    /**
     * Whether a recording wants reader stalls. Until the JVM's flight recorder has been started (by a
     * command-line option, {@code jcmd} or code) this is one volatile read and touches nothing of the
     * recorder: looking the event type up would initialise it, and that costs the hot path (measured).
     * Any thread.
     */
    public static boolean readerStallEnabled()
    {
        return FlightRecorder.isInitialized() && StallType.TYPE.isEnabled();
    }

    /** Whether a recording wants spills; as {@link #readerStallEnabled()}. Any thread. */
    public static boolean spillEnabled()
    {
        return FlightRecorder.isInitialized() && SpillType.TYPE.isEnabled();
    }

    private static final class SpillType
    {
        private static final EventType TYPE = EventType.getEventType(SpillEvent.class);
    }

    private static final class StallType
    {
        private static final EventType TYPE = EventType.getEventType(ReaderStallEvent.class);
    }
}
