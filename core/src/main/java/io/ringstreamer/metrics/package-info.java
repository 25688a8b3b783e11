/**
 * Counters a pipeline keeps as it runs. Each counter has exactly one writer thread; any thread may
 * read them at any time.
 */
package io.ringstreamer.metrics;
