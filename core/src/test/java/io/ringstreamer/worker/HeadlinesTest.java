package io.ringstreamer.worker;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.News;
import io.ringstreamer.result.StreamError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;

import static io.ringstreamer.worker.BookNewsListener.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Headlines through a real pipeline: UTF-8 and escapes decoded, texts at and over the limit, bad input refused. */
@Timeout(60)
class HeadlinesTest
{
    private static final String TOO_LONG = "text longer than " + ResultSink.MAX_TEXT_BYTES + " bytes";
    private static final String NOT_UTF8 = "text is not valid UTF-8";

    /** A headline entry; the texts are raw JSON string contents (escapes as written). */
    private static String entry(final String id, final String headline, final String source)
    {
        return "{\"time\":1720522975000,\"id\":\"" + id + "\",\"headline\":\"" + headline +
            "\",\"source\":\"" + source + "\"}";
    }

    private static byte[] message(final String... symbolEntryPairs)
    {
        final StringBuilder json =
            new StringBuilder("{\"timestamp\":1720522980000,\"service\":\"NEWS_HEADLINE\",\"symbols\":{");
        for (int i = 0; i < symbolEntryPairs.length; i += 2)
        {
            json.append(i == 0 ? "" : ",").append('"').append(symbolEntryPairs[i]).append("\":")
                .append(symbolEntryPairs[i + 1]);
        }
        return bytes(json.append("}}").toString());
    }

    /** A message for symbol A whose headline holds {@code raw} bytes between "before" and "after". */
    private static byte[] messageWithHeadlineBytes(final int... raw)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("{\"timestamp\":1,\"service\":\"NEWS_HEADLINE\",\"symbols\":{\"A\":{\"time\":5,\"id\":\"n\"," +
            "\"headline\":\"before "));
        for (final int b : raw)
        {
            out.write(b);
        }
        out.writeBytes(bytes(" after\",\"source\":\"s\"}}}"));
        return out.toByteArray();
    }

    private static BookNewsListener run(final byte[]... messages) throws Exception
    {
        return BookNewsListener.run(Pipeline.builder().symbols("A", "B").shards(2), List.of(messages));
    }

    @Test
    void shouldPublishTheHeadlineWhenEveryFieldIsPresent() throws Exception
    {
        final BookNewsListener listener = run(message(
            "A", entry("n-1", "Apple opens developer conference", "Example Wire"),
            "B", "{\"source\":\"\",\"headline\":\"\",\"extra\":[1,{\"x\":null}],\"id\":\"n-2\",\"time\":26.0}"));

        assertEquals(List.of(), listener.errors);
        assertEquals(List.of(
                new News("A", 1720522975000L, "n-1", "Apple opens developer conference", "Example Wire", 0),
                new News("B", 26, "n-2", "", "", 0)),
            listener.news.stream().sorted((a, b) -> a.symbol().compareTo(b.symbol())).toList());
    }

    @Test
    void shouldDecodeUtf8WhenTheTextHasAccentsCjkAndEmoji() throws Exception
    {
        final String headline = "Café à Zürich: 東京株式市場が上昇 😀🚀 Ωmega";
        final BookNewsListener listener = run(message("A", entry("ñ-1", headline, "Agence Française de Presse")));

        assertEquals(List.of(), listener.errors);
        final News news = listener.news.get(0);
        assertEquals(headline, news.headline());
        assertEquals("ñ-1", news.id());
        assertEquals("Agence Française de Presse", news.source());
        final int emoji = headline.indexOf("😀");
        assertEquals(2, "😀".length(), "an emoji is a surrogate pair");
        assertEquals(0x1F600, news.headline().codePointAt(emoji));
        assertEquals(0x1F680, news.headline().codePointAt(emoji + 2));
        assertEquals(headline.length(), news.headline().length());
    }

    @Test
    void shouldResolveJsonEscapesWhenTheTextHasThem() throws Exception
    {
        final BookNewsListener listener = run(message("A", entry(
            "id\\\\1",
            "He said \\\"buy\\\" \\\\ now\\nthen \\u00e9t\\u00e9 \\ud83d\\ude00 a\\/b\\tc\\r\\b\\f",
            "\\u0041\\u00DF")));

        assertEquals(List.of(), listener.errors);
        final News news = listener.news.get(0);
        assertEquals("id\\1", news.id());
        assertEquals("He said \"buy\" \\ now\nthen été 😀 a/b\tc\r\b\f", news.headline());
        assertEquals("Aß", news.source());
    }

    @Test
    void shouldAcceptATextExactlyAtTheLimitAndRejectOneByteMore() throws Exception
    {
        final int limit = ResultSink.MAX_TEXT_BYTES;
        final BookNewsListener listener = run(
            message("A", entry("n", "a".repeat(limit), "s")),
            message("A", entry("n", "a".repeat(limit + 1), "s")),
            message("A", entry("n", "é".repeat(limit / 2), "s")),
            message("A", entry("n", "é".repeat(limit / 2) + "a", "s")),
            message("A", entry("n", "\\n".repeat(limit / 2), "s")),
            message("A", entry("n", "\\n".repeat(limit / 2) + "a", "s")),
            message("A", entry("x".repeat(limit + 1), "h", "s")),
            message("A", entry("n", "h", "y".repeat(limit + 1))),
            message("A", entry("x".repeat(limit), "h", "y".repeat(limit))));

        assertEquals(List.of(0L, 2L, 4L, 8L), listener.news.stream().map(News::sequence).toList());
        assertEquals("a".repeat(limit), listener.news.get(0).headline());
        assertEquals("é".repeat(limit / 2), listener.news.get(1).headline());
        assertEquals("\n".repeat(limit / 2), listener.news.get(2).headline(), "escapes count as written");
        assertEquals(limit, listener.news.get(3).id().length());
        assertEquals(limit, listener.news.get(3).source().length());
        assertEquals(List.of(1L, 3L, 5L, 6L, 7L), listener.errors.stream().map(StreamError::sequence).toList());
        for (final StreamError error : listener.errors)
        {
            assertEquals(ErrorKind.INVALID_ENTRY, error.kind());
            assertEquals(TOO_LONG, error.message());
            assertEquals("A", error.symbol());
        }
    }

    @Test
    void shouldRejectTheHeadlineNamingTheSymbolWhenItsBytesAreNotUtf8() throws Exception
    {
        final BookNewsListener listener = run(
            messageWithHeadlineBytes(0xC3, 0x28),             // a lead byte followed by an ASCII byte
            messageWithHeadlineBytes(0x80),                   // a lone continuation byte
            messageWithHeadlineBytes(0xC0, 0xAF),             // an overlong '/'
            messageWithHeadlineBytes(0xED, 0xA0, 0x80),       // a surrogate encoded in UTF-8
            messageWithHeadlineBytes(0xF0, 0x9F, 0x98),       // a truncated 4-byte sequence
            messageWithHeadlineBytes(0xF4, 0x90, 0x80, 0x80), // beyond U+10FFFF
            messageWithHeadlineBytes(0xFF),
            messageWithHeadlineBytes(0xC3, 0xA9));           // é: valid, published

        assertEquals(7, listener.errors.size(), listener.errors.toString());
        for (int i = 0; i < 7; i++)
        {
            final StreamError error = listener.errors.get(i);
            assertEquals(ErrorKind.INVALID_ENTRY, error.kind());
            assertEquals(NOT_UTF8, error.message());
            assertEquals("A", error.symbol());
            assertEquals(i, error.sequence());
        }
        assertEquals(1, listener.news.size());
        assertEquals("before é after", listener.news.get(0).headline());
        assertEquals(7, listener.news.get(0).sequence());
    }

    @Test
    void shouldUseTheOtherEntriesOfTheMessageWhenOneHeadlineIsRejected() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("{\"timestamp\":1,\"service\":\"NEWS_HEADLINE\",\"symbols\":{" +
            "\"A\":{\"time\":5,\"id\":\"n\",\"headline\":\"bad "));
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes(bytes("\",\"source\":\"s\"},\"B\":" + entry("m", "good", "t") + "}}"));

        final BookNewsListener listener = run(out.toByteArray());

        assertEquals(List.of("B"), listener.news.stream().map(News::symbol).toList());
        assertEquals(List.of("A"), listener.errors.stream().map(StreamError::symbol).toList());
    }

    static Stream<Arguments> incompleteHeadlines()
    {
        final String time = "missing or non-integer field: time";
        return Stream.of(
            Arguments.of("{\"id\":\"n\",\"headline\":\"h\",\"source\":\"s\"}", time),
            Arguments.of("{\"time\":\"5\",\"id\":\"n\",\"headline\":\"h\",\"source\":\"s\"}", time),
            Arguments.of("{\"time\":5.5,\"id\":\"n\",\"headline\":\"h\",\"source\":\"s\"}", time),
            Arguments.of("{}", time),
            Arguments.of("{\"time\":5,\"headline\":\"h\",\"source\":\"s\"}", "missing or non-string field: id"),
            Arguments.of("{\"time\":5,\"id\":7,\"headline\":\"h\",\"source\":\"s\"}", "missing or non-string field: id"),
            Arguments.of("{\"time\":5,\"id\":\"n\",\"source\":\"s\"}", "missing or non-string field: headline"),
            Arguments.of("{\"time\":5,\"id\":\"n\",\"headline\":null,\"source\":\"s\"}",
                "missing or non-string field: headline"),
            Arguments.of("{\"time\":5,\"id\":\"n\",\"headline\":\"h\"}", "missing or non-string field: source"),
            Arguments.of("{\"time\":5,\"id\":\"n\",\"headline\":\"h\",\"source\":[\"s\"]}",
                "missing or non-string field: source"));
    }

    @ParameterizedTest
    @MethodSource("incompleteHeadlines")
    void shouldRejectTheHeadlineWithAConstantReasonWhenAFieldIsMissingOrMistyped(final String entry, final String reason)
        throws Exception
    {
        final BookNewsListener listener = run(message("B", entry));

        assertEquals(List.of(), listener.news);
        assertEquals(1, listener.errors.size(), listener.errors.toString());
        final StreamError error = listener.errors.get(0);
        assertEquals(ErrorKind.INVALID_ENTRY, error.kind());
        assertEquals(reason, error.message());
        assertEquals("B", error.symbol());
        assertEquals(0, error.sequence());
    }
}
