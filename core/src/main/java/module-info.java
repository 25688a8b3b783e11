/**
 * ring-streamer: a Streamer thread publishes raw market-data messages into an LMAX Disruptor ring,
 * symbol-sharded handlers process them, and one thread hands the results to the user's listener.
 *
 * <p>Start with {@link io.ringstreamer.Pipeline}. The packages read as a message's path: {@code source}
 * (streamers and the publisher they write to), {@code format} (the decoder), {@code worker} (the
 * components), {@code result} (the views and the listener), {@code metrics} (read-only counters).
 * Not exported: the rings, shards and delivery ({@code inbound}, {@code shard}, {@code delivery}), the
 * flight-recorder events ({@code jfr}, read from a recording by name) and every {@code internal} package.
 *
 * <p>Both requirements are transitive because API types use them:
 * {@link io.ringstreamer.Pipeline.Builder#waitStrategy} takes a Disruptor {@code WaitStrategy}, and
 * {@link io.ringstreamer.source.live.WebSocketStreamer.Builder#httpClient} a {@code java.net.http.HttpClient}.
 */
module io.ringstreamer
{
    requires transitive com.lmax.disruptor;
    requires transitive java.net.http;
    requires jdk.jfr; // the flight-recorder events (io.ringstreamer.jfr, not exported)

    exports io.ringstreamer;
    exports io.ringstreamer.source;
    exports io.ringstreamer.source.live;
    exports io.ringstreamer.format;
    exports io.ringstreamer.worker;
    exports io.ringstreamer.result;
    exports io.ringstreamer.metrics;
}
