package io.ringstreamer.worker;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.result.ErrorKind;

import java.nio.charset.StandardCharsets;

/**
 * The {@code NEWS_HEADLINE} component: reads one headline and publishes it.
 *
 * <p>Required fields: {@code time} (a whole number) and {@code id}, {@code headline} and
 * {@code source} (JSON strings, free UTF-8 text, empty allowed). The texts are handed to the sink as
 * raw string contents, in place; the sink decodes UTF-8 and escapes into the result's own buffers and
 * rejects, with an {@link ErrorKind#INVALID_ENTRY} error for the symbol, a text that is not valid
 * UTF-8 or longer than {@link ResultSink#MAX_TEXT_BYTES} bytes as received (escapes counted as
 * written). A headline with a missing or wrongly typed field is rejected alone. Unknown fields are
 * ignored; of a repeated field, the last is used. Keeps no state between headlines.
 *
 * <p>Called on the shard thread that owns the symbol; allocates nothing.
 */
public final class Headlines implements Component
{
    private static final byte[] TIME = ascii("time");
    private static final byte[] ID = ascii("id");
    private static final byte[] HEADLINE = ascii("headline");
    private static final byte[] SOURCE = ascii("source");

    static final String MISSING_TIME = "missing or non-integer field: time";
    static final String MISSING_ID = "missing or non-string field: id";
    static final String MISSING_HEADLINE = "missing or non-string field: headline";
    static final String MISSING_SOURCE = "missing or non-string field: source";

    /** One symbol's headline component; the pipeline makes one per symbol. */
    public Headlines()
    {
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        long time = 0;
        boolean seenTime = false;
        int idOffset = -1;
        int idLength = 0;
        int headlineOffset = -1;
        int headlineLength = 0;
        int sourceOffset = -1;
        int sourceLength = 0;
        while (entry.nextField())
        {
            // A string's raw contents lie between its quotes.
            final boolean isString = entry.valueType() == EntryView.ValueType.STRING;
            final int offset = isString ? entry.valueStart() + 1 : -1;
            final int length = entry.valueEnd() - entry.valueStart() - 2;
            if (entry.nameEquals(TIME))
            {
                seenTime = entry.isLong();
                time = entry.longValue();
            }
            else if (entry.nameEquals(ID))
            {
                idOffset = offset;
                idLength = length;
            }
            else if (entry.nameEquals(HEADLINE))
            {
                headlineOffset = offset;
                headlineLength = length;
            }
            else if (entry.nameEquals(SOURCE))
            {
                sourceOffset = offset;
                sourceLength = length;
            }
        }

        final String problem = !seenTime ? MISSING_TIME : idOffset < 0 ? MISSING_ID :
            headlineOffset < 0 ? MISSING_HEADLINE : sourceOffset < 0 ? MISSING_SOURCE : null;
        if (problem != null)
        {
            out.reject(ErrorKind.INVALID_ENTRY, problem);
            return;
        }
        out.news(time, entry.buffer(), idOffset, idLength, headlineOffset, headlineLength, sourceOffset, sourceLength);
    }

    private static byte[] ascii(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
