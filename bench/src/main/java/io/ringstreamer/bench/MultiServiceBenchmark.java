package io.ringstreamer.bench;

import io.ringstreamer.Pipeline;
import io.ringstreamer.demo.synthetic.SyntheticMarket;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.TradeView;
import io.ringstreamer.source.MessagePublisher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ring-streamer with every component (1-minute and 5/15-minute bars, Level 1, Level 2, time and
 * sales, news) on the demo's synthetic market of 50 symbols: quotes, trades, books, bars and
 * headlines in realistic proportions. One operation is one message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MultiServiceBenchmark
{
    static final int MESSAGES = 200_000;

    @Param({"1", "2"})
    public int shards;

    private List<String> symbols;
    private byte[][] messages;

    @Setup(Level.Trial)
    public void generate()
    {
        final SyntheticMarket market = SyntheticMarket.builder().symbols(50).seed(42).build();
        symbols = market.symbols();
        messages = market.messages(MESSAGES).toArray(new byte[0][]);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long everyService() throws Exception
    {
        final CountingListener listener = new CountingListener();
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols).shards(shards).aggregateBars(5, 15)
            .streamer(publisher ->
            {
                for (final byte[] message : messages)
                {
                    if (publisher.publish(message, 0, message.length) == MessagePublisher.CLOSED)
                    {
                        return;
                    }
                }
            })
            .listener(listener).build().start())
        {
            pipeline.awaitTermination();
            if (pipeline.metrics().snapshot().processed() != MESSAGES || listener.errors != 0)
            {
                throw new IllegalStateException("not every message processed cleanly: " + pipeline.metrics().snapshot());
            }
        }
        return listener.results;
    }

    /** Counts every kind on the administrator thread. */
    private static final class CountingListener implements ResultListener
    {
        long results;
        long errors;

        @Override
        public void onBar(final BarView bar)
        {
            results++;
        }

        @Override
        public void onAggregateBar(final AggregateBarView bar)
        {
            results++;
        }

        @Override
        public void onQuote(final QuoteView quote)
        {
            results++;
        }

        @Override
        public void onBook(final BookView book)
        {
            results++;
        }

        @Override
        public void onTrade(final TradeView trade)
        {
            results++;
        }

        @Override
        public void onNews(final NewsView news)
        {
            results++;
        }

        @Override
        public void onError(final ErrorView error)
        {
            errors++;
        }
    }
}
