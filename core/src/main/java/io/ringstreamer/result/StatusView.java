package io.ringstreamer.result;

/**
 * A status result, viewed in place in the results ring. Valid only during
 * {@link ResultListener#onStatus}; {@link #toStatus()} takes an immutable copy.
 */
public interface StatusView
{
    StatusKind kind();

    /** The source's code (a protocol response code, a reconnect attempt), or 0. */
    int code();

    /** In words: the server's message, or what the pipeline did. */
    CharSequence message();

    /** The symbol concerned ({@link StatusKind#SUBSCRIBED}, {@link StatusKind#UNSUBSCRIBED}), else {@code null}. */
    String symbol();

    /** The inbound sequence at which it took effect. */
    long sequence();

    /** An immutable copy, safe to keep after the callback. Allocates. */
    default Status toStatus()
    {
        return new Status(kind(), code(), message().toString(), symbol(), sequence());
    }
}
