/**
 * Sources: a {@link io.ringstreamer.source.Streamer} reads an API (or a file, or canned data) on the
 * pipeline's streamer thread and hands each raw message to a
 * {@link io.ringstreamer.source.MessagePublisher}, which copies it into the inbound ring.
 *
 * @see <a href="https://github.com/ring-streamer/ring-streamer/blob/main/docs/formats/canonical.md">The canonical
 *      format (docs/formats/canonical.md)</a>, which files and the decoder use
 */
package io.ringstreamer.source;
