/**
 * ring-streamer's test kit: what an application's tests need to drive a pipeline or one component with
 * canonical lines and look at the results afterwards. See {@link io.ringstreamer.testkit}.
 */
module io.ringstreamer.testkit
{
    requires transitive io.ringstreamer;

    exports io.ringstreamer.testkit;
}
