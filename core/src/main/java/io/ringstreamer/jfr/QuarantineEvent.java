package io.ringstreamer.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A component failed too often for one symbol and is no longer called for it. Committed by its shard's thread. */
@Name("io.ringstreamer.Quarantine")
@Label("Component Quarantined")
@Category("ring-streamer")
@Description("A component that kept throwing is no longer called for a symbol")
public final class QuarantineEvent extends Event
{
    @Label("Symbol")
    public String symbol;

    @Label("Service")
    public String service;

    @Label("Component")
    public String component;

    @Label("Failures")
    public int failures;
}
