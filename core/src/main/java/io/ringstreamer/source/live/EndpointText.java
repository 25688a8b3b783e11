package io.ringstreamer.source.live;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a live endpoint, and a failure to reach it, are put into statuses, errors, exceptions and logs:
 * without the URL's user-info or query string (where tokens travel), and with the cause a person can act
 * on ({@code cannot connect to 127.0.0.1:9: connection refused}) rather than the JDK's wrapper
 * ({@code CompletionException}, {@code ClosedChannelException}). Stateless; any thread; allocates the text.
 */
public final class EndpointText
{
    private static final String HIDDEN = "***";

    private EndpointText()
    {
    }

    /** {@code scheme://host:port/path}: the URI without user-info, query or fragment. */
    public static String redact(final URI uri)
    {
        final StringBuilder text = new StringBuilder(64);
        if (uri.getScheme() != null)
        {
            text.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null)
        {
            text.append(uri.getHost());
            if (uri.getPort() >= 0)
            {
                text.append(':').append(uri.getPort());
            }
            if (uri.getRawPath() != null)
            {
                text.append(uri.getRawPath());
            }
        }
        else if (uri.getRawSchemeSpecificPart() != null)
        {
            final String part = uri.getRawSchemeSpecificPart();
            final int at = part.lastIndexOf('@');
            final int query = part.indexOf('?');
            text.append(at >= 0 ? HIDDEN + "@" : "")
                .append(part, at + 1, query >= 0 && query > at ? query : part.length());
        }
        if (uri.getRawQuery() != null)
        {
            text.append('?').append(HIDDEN);
        }
        return text.toString();
    }

    /**
     * {@code text} with every appearance of {@code uri}, its user-info and its query string replaced by
     * the redacted form: for messages built by others (the JDK's exceptions) that may quote the URL.
     */
    public static String redact(final String text, final URI uri)
    {
        if (text == null)
        {
            return null;
        }
        String redacted = text.replace(uri.toString(), redact(uri));
        for (final String secret : new String[] {uri.getRawUserInfo(), uri.getUserInfo(), uri.getRawQuery(), uri.getQuery()})
        {
            if (secret != null && !secret.isEmpty())
            {
                redacted = redacted.replace(secret, HIDDEN);
            }
        }
        return redacted;
    }

    /**
     * What went wrong connecting to {@code uri}, in one line: {@code cannot connect to HOST:PORT: CAUSE}.
     * The cause chain is unwrapped ({@code ExecutionException}, {@code CompletionException} and wrappers
     * without a message of their own); a refused connection says {@code connection refused}, a handshake
     * the server answered with another HTTP status says so with the status.
     */
    public static String connectFailure(final URI uri, final Throwable failure)
    {
        return "cannot connect to " + hostAndPort(uri) + ": " + cause(uri, failure);
    }

    /** The root cause of {@code failure} in a few words, redacted of {@code uri}'s secrets. */
    public static String cause(final URI uri, final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException ||
            cause.getMessage() == null) && cause.getCause() != null && !(cause instanceof ConnectException))
        {
            cause = cause.getCause();
        }
        for (Throwable link = failure; link != null; link = link.getCause())
        {
            if (link instanceof ConnectException)
            {
                final String message = link.getMessage();
                return message == null || message.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : redact(message, uri);
            }
            if (link instanceof UnknownHostException || link instanceof UnresolvedAddressException)
            {
                return "unknown host " + uri.getHost();
            }
            if (link instanceof WebSocketHandshakeException handshake)
            {
                return "the server refused the WebSocket handshake: HTTP " + handshake.getResponse().statusCode();
            }
            if (link instanceof HttpTimeoutException)
            {
                return "timed out";
            }
        }
        final String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName()
            : cause.getClass().getSimpleName() + ": " + redact(message, uri);
    }

    /** {@code host:port}, the scheme's default port when the URI names none. */
    public static String hostAndPort(final URI uri)
    {
        final int port = uri.getPort() >= 0 ? uri.getPort()
            : "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
