/**
 * Optional: {@link io.ringstreamer.micrometer.PipelineMeterBinder} exposes a pipeline's counters and gauges
 * to any Micrometer registry.
 */
package io.ringstreamer.micrometer;
