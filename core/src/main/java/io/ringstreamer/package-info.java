/**
 * The pipeline: a streamer thread publishes raw messages into the inbound ring; K shard handlers each
 * consume every message and process the symbols they own; results go into the results ring, whose
 * one consumer, the administrator, calls the user's listener. Start with {@link io.ringstreamer.Pipeline}.
 */
package io.ringstreamer;
