package io.ringstreamer.source.live;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for tests, independent of core's scanner: objects become
 * {@code LinkedHashMap}, arrays {@code List}, numbers {@code BigDecimal}, strings {@code String}
 * (escapes decoded), literals {@code Boolean} or {@code null}. Throws on anything that is not JSON.
 */
final class MiniJson
{
    private final String text;
    private int i;

    private MiniJson(final String text)
    {
        this.text = text;
    }

    static Object parse(final String text)
    {
        final MiniJson parser = new MiniJson(text);
        final Object value = parser.value();
        parser.whitespace();
        if (parser.i != text.length())
        {
            throw new IllegalArgumentException("trailing input at " + parser.i + ": " + text);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    private Object value()
    {
        whitespace();
        final char c = peek();
        switch (c)
        {
            case '{':
                return parseObject();
            case '[':
                return parseArray();
            case '"':
                return parseString();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return parseNumber();
        }
    }

    private Map<String, Object> parseObject()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        i++;
        whitespace();
        if (peek() == '}')
        {
            i++;
            return map;
        }
        while (true)
        {
            whitespace();
            final String key = parseString();
            whitespace();
            expect(':');
            map.put(key, value());
            whitespace();
            if (peek() == ',')
            {
                i++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> parseArray()
    {
        final List<Object> list = new ArrayList<>();
        i++;
        whitespace();
        if (peek() == ']')
        {
            i++;
            return list;
        }
        while (true)
        {
            list.add(value());
            whitespace();
            if (peek() == ',')
            {
                i++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String parseString()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            final char c = text.charAt(i++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c < 0x20)
            {
                throw new IllegalArgumentException("control character in string at " + i);
            }
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            final char escaped = text.charAt(i++);
            switch (escaped)
            {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' ->
                {
                    out.append((char)Integer.parseInt(text.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape at " + i);
            }
        }
    }

    private BigDecimal parseNumber()
    {
        final int start = i;
        while (i < text.length() && "+-0123456789.eE".indexOf(text.charAt(i)) >= 0)
        {
            i++;
        }
        final String number = text.substring(start, i);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))
        {
            throw new IllegalArgumentException("not a JSON number at " + start + ": '" + number + "'");
        }
        return new BigDecimal(number);
    }

    private Object literal(final String literal, final Object value)
    {
        if (!text.startsWith(literal, i))
        {
            throw new IllegalArgumentException("bad literal at " + i);
        }
        i += literal.length();
        return value;
    }

    private void whitespace()
    {
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0)
        {
            i++;
        }
    }

    private char peek()
    {
        if (i >= text.length())
        {
            throw new IllegalArgumentException("truncated");
        }
        return text.charAt(i);
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw new IllegalArgumentException("expected '" + c + "' at " + i + ": " + text);
        }
        i++;
    }
}
