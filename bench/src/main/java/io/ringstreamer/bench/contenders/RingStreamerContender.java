package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.Contender;
import io.ringstreamer.bench.harness.Feed;
import io.ringstreamer.bench.harness.ResultCounter;
import io.ringstreamer.bench.harness.Work;
import io.ringstreamer.format.Service;
import io.ringstreamer.pipeline.Pipeline;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.MessagePublisher;

import java.util.List;

/** ring-streamer itself, with its defaults (blocking wait strategy, 4096-slot rings). */
public final class RingStreamerContender implements Contender
{
    @Override
    public String name()
    {
        return "ring-streamer";
    }

    @Override
    public void run(final List<String> symbols, final int shards, final Work work, final Feed feed,
                    final ResultCounter results) throws Exception
    {
        final ResultListener listener = new ResultListener()
        {
            @Override
            public void onBar(final BarView bar)
            {
                results.onResult(bar.receiveNanos(), bar.volume());
            }

            @Override
            public void onError(final ErrorView error)
            {
                throw new IllegalStateException(error.toError().toString());
            }
        };
        try (Pipeline pipeline = Pipeline.builder()
            .symbols(symbols)
            .shards(shards)
            .component(Service.CHART_EQUITY, work::newComponent)
            .streamer(publisher ->
            {
                for (long i; (i = feed.next()) >= 0; )
                {
                    final byte[] message = feed.message(i);
                    final long start = System.nanoTime();
                    if (publisher.publish(message, 0, message.length, feed.intendedNanos(i)) == MessagePublisher.CLOSED)
                    {
                        return;
                    }
                    feed.handedOff(start);
                }
            })
            .listener(listener)
            .build()
            .start())
        {
            pipeline.awaitTermination();
        }
    }
}
