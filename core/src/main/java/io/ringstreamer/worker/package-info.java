/**
 * Per-symbol processing: each subscribed symbol has one {@link io.ringstreamer.shard.SymbolWorker},
 * composed of one plain {@link io.ringstreamer.worker.Component} per service (not threads, not actors).
 * A worker and its components are created, used and owned by one shard thread.
 */
package io.ringstreamer.worker;
