package io.ringstreamer.source.live;

import io.ringstreamer.source.MessagePublisher;

import java.util.List;

/**
 * One market-data API's WebSocket protocol (Alpaca v2, Schwab streamer): what a client sends, and how
 * each message that arrives becomes canonical messages, statuses and errors in the inbound ring.
 *
 * <p>A protocol object serves one connection at a time and keeps that connection's state (logged in or
 * not, reusable buffers). {@link #reset()} is called before every connection. Every other method is
 * called on the connection's reading thread, one call at a time, never concurrently.
 */
public interface FeedProtocol
{
    /** What {@link #onMessage} tells the streamer to do next. */
    enum Reaction
    {
        /** Nothing: keep reading. */
        CONTINUE,
        /** The login was accepted: send the subscription requests for the current symbols now. */
        LOGGED_IN,
        /**
         * The server ends this connection (Alpaca 407 slow client, Schwab 30 STOP_STREAMING): the error was
         * published; the streamer closes the connection and reconnects by its policy.
         */
        DISCONNECT,
        /**
         * The server refused the login (Alpaca 401 or 402, a Schwab {@code LOGIN} with a code other than 0):
         * the error was published and {@link #loginRefusal()} names it; the streamer closes the connection
         * and tries again only until its login-attempt limit, then ends the stream.
         */
        LOGIN_REFUSED
    }

    /** Forgets the previous connection's state; called before every connection. */
    void reset();

    /**
     * Whether this protocol publishes the {@code CONNECTED} status itself (Alpaca does, on the server's
     * {@code connected}); if not, the streamer publishes it when the socket opens. Default {@code false}.
     */
    default boolean publishesConnected()
    {
        return false;
    }

    /**
     * The server's code and message of the last refused login ({@code 402 auth failed}), after
     * {@link Reaction#LOGIN_REFUSED}; empty before any. Reading thread, or any thread once the connection
     * has ended.
     */
    default String loginRefusal()
    {
        return "";
    }

    /**
     * Server messages (or parts of one) this protocol could not translate so far: not the shape the API
     * uses, a type or service it does not know, data without a symbol. Each is counted here and reported,
     * at most about once a second, as a {@code ProtocolError}. Any thread (a volatile read). Default 0.
     */
    default long untranslatedMessages()
    {
        return 0;
    }

    /** Text messages to send as soon as the connection opens (a login; none if the server speaks first). */
    List<String> onOpen();

    /**
     * Reacts to one complete text message from the server ({@code buffer[offset, offset+length)}, UTF-8):
     * publishes each market-data event it carries as a canonical message through {@code out}, publishes
     * server statuses and errors with {@link MessagePublisher#publishStatus} / {@link
     * MessagePublisher#publishError}, and may answer with text messages (Alpaca's auth after
     * "connected") through {@code replies}.
     *
     * @param replies receives text messages to send back now; reused, empty on entry.
     */
    Reaction onMessage(byte[] buffer, int offset, int length, MessagePublisher out, List<String> replies);

    /** The request(s) that add {@code symbols} to the subscription (after {@link Reaction#LOGGED_IN}). */
    List<String> subscribe(List<String> symbols);

    /** The request(s) that remove {@code symbols} from the subscription. */
    List<String> unsubscribe(List<String> symbols);
}
