package io.ringstreamer.result;

/**
 * What happened to the stream or a subscription: news that is not an error. Each kind has a short label
 * used when printing.
 */
public enum StatusKind
{
    /** The streamer connected to its source (after a reconnect too). */
    CONNECTED("Connected"),
    /** The source accepted the streamer's login. */
    AUTHENTICATED("Authenticated"),
    /** The connection dropped or went silent; the streamer will try again after a backoff (code: the attempt). */
    RECONNECTING("Reconnecting"),
    /** The source confirmed a subscription request (message: the server's words). */
    SUBSCRIPTION_CONFIRMED("SubscriptionConfirmed"),
    /** A symbol's subscription took effect in the pipeline: its worker starts fresh with the next message. */
    SUBSCRIBED("Subscribed"),
    /** A symbol's unsubscription took effect: no more results for it follow. */
    UNSUBSCRIBED("Unsubscribed"),
    /** Anything else the source said that a user may want to see (code and message as sent). */
    SERVER_MESSAGE("ServerMessage"),
    /**
     * The inbound ring was full, so what arrives from here on is spilled to the overflow store and
     * reaches the shards in order once the ring has room ({@code OverflowPolicy.SPILL}); code: the ring's
     * slots. Delivered in its place in the stream, so after the messages that filled the ring.
     */
    SPILLING("Spilling"),
    /**
     * Everything spilled has reached the ring: the pipeline is reading straight into the ring again.
     * Code: how long the spill took to drain, in milliseconds.
     */
    CAUGHT_UP("CaughtUp"),
    /**
     * The spill store reached its budget, so the reader had to wait for room
     * ({@code whenSpillFull(BLOCK)}, the default): the feed may see a slow client from here. Once per
     * spill, on the first record that got in after the wait. (Under {@code DROP_NEWEST} the drops are
     * reported as {@code MessagesDropped} instead.)
     */
    SPILL_FULL("SpillFull");

    private final String label;

    StatusKind(final String label)
    {
        this.label = label;
    }

    /** The short printed name, for example {@code Reconnecting}. */
    public String label()
    {
        return label;
    }
}
