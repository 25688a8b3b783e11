package io.ringstreamer;

import io.ringstreamer.result.Bar;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.source.ConnectionLostException;
import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class SeedPipelineTest
{
    static List<byte[]> seedMessages() throws Exception
    {
        return Files.readAllLines(RepoData.path("seed/fake-api-data.jsonl")).stream()
            .filter(line -> !line.isBlank())
            .map(line -> line.getBytes(StandardCharsets.UTF_8))
            .toList();
    }

    @Test
    void shouldDeliverTheSeedsResultsThenItsConnectionErrorWhenRunWithAnyShardCount() throws Exception
    {
        for (int iteration = 0; iteration < 200; iteration++)
        {
            // 1 shard on the shard thread, 1 shard through an administrator, 2 and 3 shards
            final int shards = Math.max(1, iteration % 4);
            final Delivery delivery = iteration % 4 == 1 ? Delivery.ADMINISTRATOR : Delivery.AUTO;
            final CollectingListener listener = new CollectingListener();
            final int threads;
            try (Pipeline pipeline = Pipeline.builder()
                .symbols("AAPL", "DUD", "AMZN")
                .shards(shards)
                .delivery(delivery)
                .streamer(new FakeApiStreamer(seedMessages()))
                .listener(listener)
                .build()
                .start())
            {
                assertTrue(listener.awaitEnd(30));
                assertTrue(pipeline.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
                threads = pipeline.threads().size();
            }

            assertEquals(List.of(
                new Bar("AMZN", 199.79, 199.84, 199.79, 199.84, 1521, 1720522800000L, 0),
                new Bar("AMZN", 199.85, 199.85, 199.85, 199.85, 204, 1720522860000L, 1),
                new Bar("AMZN", 199.8, 199.8, 199.8, 199.8, 1874, 1720522920000L, 2)),
                listener.barsBySymbol.get("AMZN"));
            assertEquals(List.of(
                new Bar("AAPL", 227.99, 228.0, 227.95, 227.95, 3756, 1720522860000L, 1),
                new Bar("AAPL", 227.8, 227.8, 227.8, 227.8, 249, 1720522920000L, 2)),
                listener.barsBySymbol.get("AAPL"));
            assertEquals(2, listener.barsBySymbol.size(), "DUD never has data");

            assertEquals(6, listener.all.size());
            final StreamError last = assertInstanceOf(StreamError.class, listener.all.get(5), "the error comes last");
            assertEquals(ErrorKind.CONNECTION_ERROR, last.kind());
            assertEquals("ConnectionError", last.kind().label());
            assertEquals(ConnectionLostException.NO_MORE_DATA, last.message());
            assertEquals(1, listener.endCalls);
            final String caller = shards == 1 && delivery == Delivery.AUTO ? "ring-streamer-shard-0" :
                "ring-streamer-administrator";
            assertEquals(java.util.Set.of(caller), listener.callingThreads, "one thread calls the listener");
            assertEquals(shards + (caller.endsWith("administrator") ? 3 : 2), threads, "streamer, drainer, shards, administrator");
        }
    }

    @Test
    void shouldRefuseShardThreadDeliveryWhenSeveralShardsProduceResults()
    {
        final IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> Pipeline.builder().symbols("AAPL").shards(2).delivery(Delivery.SHARD_THREAD)
                .streamer(publisher -> { }).listener(new CollectingListener()).build());
        assertTrue(refused.getMessage().contains("one shard"), refused.getMessage());
    }
}
