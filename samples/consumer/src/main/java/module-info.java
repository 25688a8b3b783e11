/**
 * A consumer of ring-streamer, built outside the project's reactor from the installed artifacts only
 * ({@code .ci/run}); demo's {@code ModulePathTest} compiles and runs the same sources against the reactor's
 * artifacts. It needs nothing but {@code requires io.ringstreamer}.
 */
module io.ringstreamer.sample
{
    requires io.ringstreamer;
}
