package io.ringstreamer.source;

/**
 * What a publish does when the inbound ring is full: the pipeline has fallen behind its feed.
 */
public enum OverflowPolicy
{
    /**
     * Keep reading and keep everything (the default): while the ring is full, what arrives is appended
     * to a bounded overflow store ({@code Pipeline.Builder.spillBudget}, 256 MiB in memory by default,
     * or a {@link SpillStore} such as the journal module's on disk) and moved into the ring, oldest
     * first, as room appears. Arrival order is kept exactly: once spilling, newer messages, statuses
     * and subscription changes queue behind the spilled ones. The listener sees a {@code Spilling}
     * status where the spill starts and a {@code CaughtUp} status where it has drained. A store at its
     * budget falls back to {@code Pipeline.Builder.whenSpillFull} ({@link #BLOCK} by default, or
     * {@link #DROP_NEWEST}).
     */
    SPILL,
    /**
     * Wait for room: nothing is lost, but the streamer stops reading while it waits, so the API may
     * eventually see it as a slow consumer.
     */
    BLOCK,
    /**
     * Drop the message being published and keep reading: the streamer never waits. Every dropped
     * message is counted, and each run of consecutive drops (a gap) is reported once, before the next
     * message that gets in, as a {@code MessagesDropped} error with its size.
     */
    DROP_NEWEST
}
