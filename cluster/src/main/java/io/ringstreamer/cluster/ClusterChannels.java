package io.ringstreamer.cluster;

/**
 * The Aeron channels and stream ids of a cluster: one feed stream the feed node sends to every worker (UDP
 * multi-destination-cast, each worker adding itself), and one result stream every worker sends to the
 * administrator (UDP unicast to the administrator's endpoint).
 *
 * <p>The feed stream uses min flow control: the feed cannot run ahead of its slowest worker by more than the
 * receiver window, and a worker that stops answering is dropped from the flow control after Aeron's receiver timeout
 * (5 s by default) so the others go on. The feed node waits until the driver counts every worker as a receiver
 * before it sends anything ({@link FeedNode#start}), so no worker misses the start of the stream. (A group
 * minimum size, {@code fc=min,g:/N}, would wait too, but would also stop the feed for good once a worker died.)
 */
public final class ClusterChannels
{
    /** The feed stream's Aeron stream id. */
    public static final int FEED_STREAM_ID = 1501;
    /** The result stream's Aeron stream id. */
    public static final int RESULT_STREAM_ID = 1502;
    /** The stream on which the feed's archive replays its recording to a restarted worker. */
    public static final int REPLAY_STREAM_ID = 1504;

    private ClusterChannels()
    {
    }

    /**
     * The feed node's publication.
     *
     * @param control the feed's control endpoint that workers contact, {@code host:port}.
     */
    public static String feedPublication(final String control)
    {
        return "aeron:udp?control=" + control + "|control-mode=dynamic|fc=min";
    }

    /**
     * A worker's subscription to the feed stream.
     *
     * @param control the feed's control endpoint, {@code host:port}.
     * @param host    the worker's own address, where the feed sends to (an ephemeral port is taken).
     */
    public static String feedSubscription(final String control, final String host)
    {
        return "aeron:udp?endpoint=" + host + ":0|control=" + control + "|control-mode=dynamic";
    }

    /** The result stream, for the workers' publications and the administrator's subscription alike. */
    public static String results(final String adminEndpoint)
    {
        return "aeron:udp?endpoint=" + adminEndpoint;
    }

    /** A restarted worker's subscription to its catch-up replay, on an ephemeral port of {@code host}. */
    public static String replayReplies(final String host)
    {
        return "aeron:udp?endpoint=" + host + ":0";
    }
}
