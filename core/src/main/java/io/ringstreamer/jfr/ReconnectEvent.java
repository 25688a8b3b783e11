package io.ringstreamer.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A live source lost its connection and will reconnect. Committed by the streamer thread. */
@Name("io.ringstreamer.Reconnect")
@Label("Reconnect")
@Category("ring-streamer")
@Description("A WebSocket feed dropped; the streamer waits, then connects again")
public final class ReconnectEvent extends Event
{
    @Label("Endpoint")
    @Description("Scheme, host, port and path: never user-info or a query string")
    public String endpoint;

    @Label("Attempt")
    public int attempt;

    @Label("Delay")
    @Timespan(Timespan.MILLISECONDS)
    public long delay;

    @Label("Reason")
    public String reason;
}
