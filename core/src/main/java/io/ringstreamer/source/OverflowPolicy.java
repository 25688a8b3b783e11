package io.ringstreamer.source;

/**
 * What a publish does when the inbound ring is full: the pipeline has fallen behind its feed.
 */
public enum OverflowPolicy
{
    /**
     * Wait for room (the default): nothing is lost, but the streamer stops reading while it waits, so
     * the API may eventually see it as a slow consumer.
     */
    BLOCK,
    /**
     * Drop the message being published and keep reading: the streamer never waits. Every dropped
     * message is counted, and each run of consecutive drops (a gap) is reported once, before the next
     * message that gets in, as a {@code MessagesDropped} error with its size.
     */
    DROP_NEWEST
}
