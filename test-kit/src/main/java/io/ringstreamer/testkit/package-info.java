/**
 * The test kit: {@link io.ringstreamer.testkit.LineStreamer} plays canonical lines (or a file of them),
 * {@link io.ringstreamer.testkit.RecordingListener} keeps a copy of every result a pipeline delivers,
 * {@link io.ringstreamer.testkit.RecordingResultSink} keeps a copy of every result a component publishes, and
 * {@link io.ringstreamer.testkit.ComponentHarness} runs one component over canonical lines on the calling thread,
 * with no pipeline and no threads.
 *
 * <p>The results are core's immutable records ({@link io.ringstreamer.result.Bar},
 * {@link io.ringstreamer.result.StreamError}, ...), the same a view's {@code to...()} method returns, so a test
 * compares them with {@code equals}. Everything here allocates freely: it is for tests, not the hot path.
 */
package io.ringstreamer.testkit;
