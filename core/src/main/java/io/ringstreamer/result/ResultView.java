package io.ringstreamer.result;

/**
 * What every result carries: the symbol and where in the stream it came from. Views are valid only
 * during the listener call they are passed to.
 */
public interface ResultView
{
    /** The symbol, as subscribed. */
    String symbol();

    /** The inbound sequence of the message that produced the result (0 for the first message). */
    long sequence();

    /** The envelope {@code timestamp} of that message, Unix epoch milliseconds. */
    long messageTimestamp();

    /** {@link System#nanoTime()} when the streamer received that message. */
    long receiveNanos();
}
