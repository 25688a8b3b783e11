package io.ringstreamer.source.live;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.result.TradeView;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs server frames through a protocol inside a real {@link Pipeline} with its default components, and
 * collects every result. Statuses and errors the protocol publishes are recorded beside the pipeline (the
 * pipeline's own status path is another helper's work and tested there); data goes through the real ring.
 */
final class EndToEnd implements ResultListener
{
    final List<Object> results = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    static EndToEnd run(final FeedProtocol protocol, final List<String> frames, final String... symbols)
        throws InterruptedException
    {
        final EndToEnd listener = new EndToEnd();
        final Streamer streamer = publisher ->
        {
            final MessagePublisher out = new DataOnly(publisher, listener.statuses);
            final List<String> replies = new ArrayList<>();
            protocol.reset();
            for (final String frame : frames)
            {
                final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
                replies.clear();
                protocol.onMessage(bytes, 0, bytes.length, out, replies);
            }
        };
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(2).streamer(streamer).listener(listener)
            .build().start())
        {
            assertTrue(pipeline.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertTrue(listener.ended.await(30, TimeUnit.SECONDS));
        return listener;
    }

    <T> List<T> of(final Class<T> type)
    {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void onBar(final BarView bar)
    {
        results.add(bar.toBar());
    }

    @Override
    public void onQuote(final QuoteView quote)
    {
        results.add(quote.toQuote());
    }

    @Override
    public void onBook(final BookView book)
    {
        results.add(book.toBook());
    }

    @Override
    public void onTrade(final TradeView trade)
    {
        results.add(trade.toTrade());
    }

    @Override
    public void onNews(final NewsView news)
    {
        results.add(news.toNews());
    }

    @Override
    public void onError(final ErrorView error)
    {
        results.add(error.toError());
    }

    @Override
    public void onEndOfStream()
    {
        ended.countDown();
    }

    /** Forwards data and claims to the pipeline's publisher; records statuses and errors as text. Streamer thread. */
    private record DataOnly(MessagePublisher publisher, List<String> statuses) implements MessagePublisher
    {
        @Override
        public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
        {
            return publisher.publish(source, offset, length, receiveNanos);
        }

        @Override
        public long publish(final ByteBuffer source)
        {
            return publisher.publish(source);
        }

        @Override
        public boolean claimsInPlace()
        {
            return publisher.claimsInPlace();
        }

        @Override
        public io.ringstreamer.source.MessageClaim claim(final int capacity)
        {
            return publisher.claim(capacity);
        }

        @Override
        public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
        {
            synchronized (statuses)
            {
                statuses.add(kind + " " + code + " " + message);
            }
            return 0;
        }

        @Override
        public long publishError(final ErrorKind kind, final int code, final CharSequence message)
        {
            synchronized (statuses)
            {
                statuses.add(kind + " " + code + " " + message);
            }
            return 0;
        }

        @Override
        public boolean isClosed()
        {
            return publisher.isClosed();
        }
    }
}
