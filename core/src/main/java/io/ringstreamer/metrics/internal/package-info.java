/**
 * The writable side of the metrics, for the pipeline's own threads: padded single-writer counters and
 * the set a pipeline keeps. Not exported by the module and not part of the API: applications read
 * through {@link io.ringstreamer.metrics.PipelineMetrics}.
 */
package io.ringstreamer.metrics.internal;
