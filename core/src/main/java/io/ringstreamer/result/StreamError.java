package io.ringstreamer.result;

/**
 * An immutable error result, copied out of an {@link ErrorView}.
 *
 * @param kind     what went wrong.
 * @param message  in words.
 * @param symbol   the symbol concerned, or {@code null}.
 * @param sequence the inbound sequence concerned, or -1.
 * @param cause    the exception behind it, or {@code null}.
 */
public record StreamError(ErrorKind kind, String message, String symbol, long sequence, Throwable cause)
{
}
