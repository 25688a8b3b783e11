/**
 * What a pipeline counts as it runs, read-only: {@link io.ringstreamer.metrics.PipelineMetrics} (live,
 * from {@code Pipeline.metrics()}) and {@link io.ringstreamer.metrics.MetricsSnapshot} (a copy). Each
 * counter has exactly one writer, a pipeline thread; any thread may read them at any time.
 */
package io.ringstreamer.metrics;
