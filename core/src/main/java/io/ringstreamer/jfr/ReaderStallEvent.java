package io.ringstreamer.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;

/**
 * The streamer (reader) thread waited for room: the ring full under {@code OverflowPolicy.BLOCK}, or
 * the spill store at its budget. Recorded when the wait lasts at least the threshold (1 ms unless the
 * recording's settings say otherwise). Begun and committed by the streamer thread.
 */
@Name("io.ringstreamer.ReaderStall")
@Label("Reader Stall")
@Category("ring-streamer")
@Description("The thread reading the feed waited for room in the inbound ring or the spill store")
@Threshold("1 ms")
public final class ReaderStallEvent extends Event
{
    @Label("Waited For")
    @Description("ring: the inbound ring (BLOCK); spill store: the store at its budget")
    public String waitedFor;
}
