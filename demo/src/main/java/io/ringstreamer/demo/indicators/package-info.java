/**
 * Example user components, written against the public extension point only
 * ({@link io.ringstreamer.worker.Component}, {@link io.ringstreamer.worker.ResultSink},
 * {@link io.ringstreamer.result.CustomView}): {@link io.ringstreamer.demo.indicators.EmaRsi} computes
 * an EMA and Wilder's RSI over 1-minute closes, {@link io.ringstreamer.demo.indicators.EmaRsiView}
 * reads its results back with names.
 */
package io.ringstreamer.demo.indicators;
