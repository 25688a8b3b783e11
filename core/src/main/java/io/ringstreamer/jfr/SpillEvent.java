package io.ringstreamer.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A spill, from the first message that went to the spill store to the first that went straight into
 * the ring again ({@code CaughtUp}), or to the end of the stream. Begun and committed by the streamer
 * thread.
 */
@Name("io.ringstreamer.Spill")
@Label("Spill")
@Category("ring-streamer")
@Description("The inbound ring was full: messages went to the spill store until the pipeline caught up")
public final class SpillEvent extends Event
{
    @Label("Messages Spilled")
    public long messages;

    @Label("Largest Held")
    @Description("The most the spill store held during this spill")
    @DataAmount
    public long largestBytes;

    @Label("Caught Up")
    @Description("False when the stream ended while spilling")
    public boolean caughtUp;
}
