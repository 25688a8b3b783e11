package io.ringstreamer.source;

import java.io.IOException;

/**
 * The source's connection failed or its data ran out. Like any {@link IOException} thrown by a
 * {@link Streamer}, it reaches the listener as a {@code ConnectionError}.
 */
public final class ConnectionLostException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** The seed's message when its fake API runs out of data. */
    public static final String NO_MORE_DATA = "No more data available from API.";

    public ConnectionLostException(final String message)
    {
        super(message);
    }
}
