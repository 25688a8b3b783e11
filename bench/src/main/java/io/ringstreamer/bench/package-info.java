/**
 * JMH benchmarks of ring-streamer against the designs a user would otherwise write, measured in the
 * same run with identical decoding and work: see {@code docs/performance.md} and {@code bench/run}.
 */
package io.ringstreamer.bench;
