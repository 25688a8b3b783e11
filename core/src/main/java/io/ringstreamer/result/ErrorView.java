package io.ringstreamer.result;

/**
 * An error result, viewed in place in the results ring. Valid only during
 * {@link ResultListener#onError}; {@link #toError()} takes an immutable copy.
 */
public interface ErrorView
{
    ErrorKind kind();

    /** What was wrong, in words; for a streamer failure, the exception's message. */
    CharSequence message();

    /** The symbol concerned, or {@code null} when the error is about a whole message or the stream. */
    String symbol();

    /** The inbound sequence of the message concerned, or -1 when the error is about the stream. */
    long sequence();

    /** The envelope timestamp of the message concerned (0 if unknown). */
    long messageTimestamp();

    /** The exception behind the error, if one was thrown (a streamer or component failure), else {@code null}. */
    Throwable cause();

    /** The source's error code for a {@link ErrorKind#PROTOCOL_ERROR} (Alpaca's 407, Schwab's 30), else 0. */
    default int code()
    {
        return 0;
    }

    /**
     * For {@link ErrorKind#MESSAGES_DROPPED}: how many messages the gap (or the abandoned spill) holds;
     * otherwise 0.
     */
    default long droppedCount()
    {
        return 0;
    }

    /** For {@link ErrorKind#MESSAGES_DROPPED}: the receive number of the first message lost; otherwise -1. */
    default long firstDropped()
    {
        return -1;
    }

    /** For {@link ErrorKind#MESSAGES_DROPPED}: the receive number of the last message lost; otherwise -1. */
    default long lastDropped()
    {
        return -1;
    }

    /** An immutable copy, safe to keep after the callback. Allocates. */
    default StreamError toError()
    {
        return new StreamError(kind(), message().toString(), symbol(), sequence(), cause(), code(), droppedCount(),
            firstDropped(), lastDropped());
    }
}
