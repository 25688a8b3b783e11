package io.ringstreamer.result;

/**
 * An immutable error result, copied out of an {@link ErrorView}.
 *
 * @param kind     what went wrong.
 * @param message  in words.
 * @param symbol   the symbol concerned, or {@code null}.
 * @param sequence the inbound sequence concerned, or -1.
 * @param cause    the exception behind it, or {@code null}.
 * @param code     the source's error code, or 0.
 */
public record StreamError(ErrorKind kind, String message, String symbol, long sequence, Throwable cause, int code,
    long droppedCount, long firstDropped, long lastDropped)
{
    /** An error without a source code. */
    public StreamError(final ErrorKind kind, final String message, final String symbol, final long sequence, final Throwable cause)
    {
        this(kind, message, symbol, sequence, cause, 0);
    }

    /** An error that is not about dropped messages. */
    public StreamError(final ErrorKind kind, final String message, final String symbol, final long sequence,
        final Throwable cause, final int code)
    {
        this(kind, message, symbol, sequence, cause, code, 0, -1, -1);
    }
}
