package io.ringstreamer.demo.exchange;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.live.FeedProtocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A test-only Alpaca protocol that speaks the session (auth, subscribe) but publishes every data frame
 * as it came: enough to test the streamer's connection handling without the real adapter.
 */
final class PassThroughAlpaca implements FeedProtocol
{
    @Override
    public void reset()
    {
    }

    @Override
    public List<String> onOpen()
    {
        return List.of();
    }

    @Override
    public Reaction onMessage(final byte[] buffer, final int offset, final int length, final MessagePublisher out,
        final List<String> replies)
    {
        final String text = new String(buffer, offset, length, StandardCharsets.UTF_8);
        if (text.contains("\"msg\":\"connected\""))
        {
            replies.add("{\"action\":\"auth\",\"key\":\"k\",\"secret\":\"s\"}");
            return Reaction.CONTINUE;
        }
        if (text.contains("\"msg\":\"authenticated\""))
        {
            return Reaction.LOGGED_IN;
        }
        if (text.contains("\"T\":\"error\""))
        {
            final int code = Integer.parseInt(text.replaceAll(".*\"code\":(\\d+).*", "$1"));
            out.publishError(ErrorKind.PROTOCOL_ERROR, code, text);
            return code == 407 ? Reaction.DISCONNECT : Reaction.CONTINUE;
        }
        if (text.contains("\"T\":\"subscription\""))
        {
            return Reaction.CONTINUE;
        }
        out.publish(buffer, offset, length);
        return Reaction.CONTINUE;
    }

    @Override
    public List<String> subscribe(final List<String> symbols)
    {
        return List.of(request("subscribe", symbols));
    }

    @Override
    public List<String> unsubscribe(final List<String> symbols)
    {
        return List.of(request("unsubscribe", symbols));
    }

    private static String request(final String action, final List<String> symbols)
    {
        final String list = symbols.stream().map(s -> '"' + s + '"').collect(Collectors.joining(",", "[", "]"));
        return "{\"action\":\"" + action + "\",\"trades\":" + list + ",\"quotes\":" + list + ",\"bars\":" + list + "}";
    }
}
