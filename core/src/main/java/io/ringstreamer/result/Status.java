package io.ringstreamer.result;

/**
 * An immutable status result, copied out of a {@link StatusView}.
 *
 * @param kind     what happened.
 * @param code     the source's code, or 0.
 * @param message  in words.
 * @param symbol   the symbol concerned, or {@code null}.
 * @param sequence the inbound sequence at which it took effect.
 */
public record Status(StatusKind kind, int code, String message, String symbol, long sequence)
{
}
