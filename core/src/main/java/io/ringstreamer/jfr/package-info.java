/**
 * JDK Flight Recorder events for what a profiler user wants on the timeline: a spill and its catching
 * up, the reader waiting for room, messages dropped, a reconnect, a component quarantined. Named
 * {@code io.ringstreamer.*} in a recording (category "ring-streamer"); enable them with
 * {@code -XX:StartFlightRecording:settings=default} plus {@code jfr configure}, or in code with
 * {@code Recording.enable("io.ringstreamer.Spill")}. Each event's thread names its pipeline (threads are
 * named after {@code Pipeline.Builder.name}: {@code ring-streamer-streamer}, {@code ring-streamer-shard-0}).
 * When no recording has them enabled, nothing is allocated where they would be emitted. The streamer's
 * two are checked only on the publisher's overflow path (spilling, dropping, waiting for room), never on
 * a publish that finds a free slot; there the check is a volatile read until the flight recorder has
 * been started. PublishCostBenchmark measures the common publish the same with and without them
 * (docs/live-view.md).
 *
 * <p>Not exported by the module: the events are read from a recording by name, not used as classes.
 */
package io.ringstreamer.jfr;
