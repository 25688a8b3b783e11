/**
 * Message formats: flyweight decoders that read raw message bytes in place, allocating nothing.
 *
 * <p>{@link io.ringstreamer.format.CanonicalDecoder} reads the canonical envelope
 * ({@code timestamp}, {@code service}, {@code symbols}); {@link io.ringstreamer.format.EntryView}
 * walks the fields of one symbol's entry. Both are owned by one thread (a shard handler) and are
 * valid only until they are wrapped around the next message. {@link io.ringstreamer.format.CanonicalEncoder}
 * writes the envelope, for a streamer that builds its messages itself, into the caller's byte array.
 *
 * @see <a href="https://github.com/ring-streamer/ring-streamer/blob/main/docs/formats/canonical.md">The canonical
 *      format (docs/formats/canonical.md)</a>
 */
package io.ringstreamer.format;
