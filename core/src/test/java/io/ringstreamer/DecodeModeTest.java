package io.ringstreamer;

import io.ringstreamer.source.FakeApiStreamer;
import io.ringstreamer.testing.CollectingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which decode mode a pipeline is built with: {@link DecodeMode#AUTO} is each shard (as measured), ONCE when asked. */
@Timeout(60)
class DecodeModeTest
{
    @Test
    void shouldDecodeInEachShardWhenAutoAndOnceOnlyWhenAsked()
    {
        assertEquals(DecodeMode.EACH_SHARD, built(1, DecodeMode.AUTO));
        assertEquals(DecodeMode.EACH_SHARD, built(2, DecodeMode.AUTO));
        assertEquals(DecodeMode.EACH_SHARD, built(4, DecodeMode.AUTO));
        assertEquals(DecodeMode.ONCE, built(4, DecodeMode.ONCE));
        assertEquals(DecodeMode.EACH_SHARD, built(3, DecodeMode.EACH_SHARD));
        assertEquals(DecodeMode.ONCE, built(1, DecodeMode.ONCE));
    }

    @Test
    void shouldRefuseNoModeWhenBuilding()
    {
        assertThrows(NullPointerException.class, () -> Pipeline.builder().decode(null));
    }

    private static DecodeMode built(final int shards, final DecodeMode decode)
    {
        try (Pipeline pipeline = Pipeline.builder().symbols("A").shards(shards).decode(decode)
            .streamer(new FakeApiStreamer(List.of())).listener(new CollectingListener()).build())
        {
            return pipeline.decodeMode();
        }
    }
}
