package io.ringstreamer.jfr;

import jdk.jfr.EventType;

/**
 * Whether the frequent event ({@link ReaderStallEvent}) is enabled in any recording, checked without
 * allocating: its {@link EventType} is looked up once, when a stall first happens (a class holder, so a
 * pipeline that never stalls never touches the recorder). The rare events are checked on an instance.
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

    private static final class StallType
    {
        private static final EventType TYPE = EventType.getEventType(ReaderStallEvent.class);
    }
}
