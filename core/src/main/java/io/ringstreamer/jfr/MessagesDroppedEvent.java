package io.ringstreamer.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Messages counted as received and never processed: a run dropped by {@code DROP_NEWEST}, or spilled
 * messages abandoned when a close deadline passed. Committed by shard 0 as it reports the
 * {@code MessagesDropped} error.
 */
@Name("io.ringstreamer.MessagesDropped")
@Label("Messages Dropped")
@Category("ring-streamer")
@Description("A run of received messages that will not be processed")
public final class MessagesDroppedEvent extends Event
{
    @Label("Count")
    public long count;

    @Label("First Receive Number")
    public long first;

    @Label("Last Receive Number")
    public long last;

    @Label("Cause")
    @Description("ring full (DROP_NEWEST or a full spill store) or close deadline")
    public String cause;
}
