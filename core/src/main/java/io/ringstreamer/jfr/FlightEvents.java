package io.ringstreamer.jfr;

import jdk.jfr.EventType;

/**
 * Whether the streamer thread's events ({@link ReaderStallEvent}, {@link SpillEvent}) are enabled in any
 * recording, checked without allocating: each {@link EventType} is looked up once, when a stall or a spill
 * first happens (a class holder each, so a pipeline that never stalls never touches the recorder). The
 * rare events (a drop report, a quarantine, a reconnect) are checked on an instance.
 */
public final class FlightEvents
{
    private FlightEvents()
    {
    }

    /** Whether a recording wants reader stalls; a field read after the first call. Any thread. */
    public static boolean readerStallEnabled()
    {
        return StallType.TYPE.isEnabled();
    }

    /** Whether a recording wants spills; a field read after the first call. Any thread. */
    public static boolean spillEnabled()
    {
        return SpillType.TYPE.isEnabled();
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
