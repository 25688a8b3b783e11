package io.ringstreamer.worker;

import io.ringstreamer.format.Service;

/**
 * What a {@link Component} may know about the entry it is given, beyond the entry's fields: whose it
 * is, which message it came in, and the symbol's built-in state. Reached through
 * {@link ResultSink#context()} during {@link Component#onEntry}.
 *
 * <p>A flyweight: the pipeline keeps one per shard and rewrites it for every entry, so it is valid
 * only during the call it was reached from, on the shard thread that owns the symbol. Read what you
 * need during the call; never keep it (or the states it hands out) for later, nor pass it to another
 * thread. Reading it allocates nothing.
 */
public interface EntryContext
{
    /** The entry's symbol, as subscribed (the same instance for every entry of the symbol). */
    String symbol();

    /** The service of the message holding the entry. */
    Service service();

    /** The {@code timestamp} of the message holding the entry (Unix epoch milliseconds, as the message says). */
    long messageTimestamp();

    /** The message's sequence in the inbound ring: rising, unique per message, the same for all its entries. */
    long sequence();

    /** When the message was received, {@link System#nanoTime()} on the streamer's side (or as the streamer stamped it). */
    long receiveNanos();

    /**
     * Whether a component that ran before this one for the entry rejected it ({@link ResultSink#reject},
     * or a headline whose text the sink refused). Every component is still called for a rejected entry
     * and decides what a rejection means to it: the built-in ones apply their own checks, a component
     * that only follows {@code LevelOneQuotes} can skip the entry. A component's exception is not a
     * rejection.
     */
    boolean rejectedEarlier();

    /**
     * The symbol's current Level 1 state, kept by its built-in {@link LevelOneQuotes} component; after
     * that component has run for a {@code LEVELONE_EQUITIES} entry, the state includes the entry (if it
     * was accepted). A symbol without that component reads {@link LevelOneState#NONE}: nothing known.
     */
    LevelOneState levelOne();

    /**
     * The symbol's current book, kept by its built-in {@link LevelTwoBook} component (the last accepted
     * snapshot, all its levels). A symbol without that component reads {@link BookState#NONE}: no book.
     */
    BookState book();
}
