/**
 * Sources: a {@link io.ringstreamer.source.Streamer} reads an API (or a file, or canned data) on the
 * pipeline's streamer thread and hands each raw message to a
 * {@link io.ringstreamer.source.MessagePublisher}, which copies it into the inbound ring.
 */
package io.ringstreamer.source;
