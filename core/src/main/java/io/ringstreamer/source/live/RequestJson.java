package io.ringstreamer.source.live;

import java.util.List;

/**
 * A few helpers that write the JSON of client requests (logins, subscriptions) into a
 * {@link StringBuilder}: strings are escaped, so a key, token or symbol never breaks the request.
 * Requests are rare (a connection's login, a change of symbols), so they are plain {@code String}s.
 *
 * <p>Stateless; any thread.
 */
final class RequestJson
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestJson()
    {
    }

    /** Appends a member's name, {@code "name":}, after a comma unless it is the first of its object. */
    static StringBuilder name(final StringBuilder json, final String name)
    {
        final char last = json.charAt(json.length() - 1);
        if (last != '{' && last != '[')
        {
            json.append(',');
        }
        return string(json, name).append(':');
    }

    /** Appends the member {@code "name":"value"}. */
    static StringBuilder member(final StringBuilder json, final String name, final CharSequence value)
    {
        return string(name(json, name), value);
    }

    /** Appends {@code value} as a JSON string, escaping quotes, backslashes and control characters. */
    static StringBuilder string(final StringBuilder json, final CharSequence value)
    {
        json.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                json.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            else
            {
                json.append(c);
            }
        }
        return json.append('"');
    }

    /** Appends {@code values} as a JSON array of strings. */
    static StringBuilder stringArray(final StringBuilder json, final List<String> values)
    {
        json.append('[');
        for (int i = 0; i < values.size(); i++)
        {
            if (i > 0)
            {
                json.append(',');
            }
            string(json, values.get(i));
        }
        return json.append(']');
    }
}
