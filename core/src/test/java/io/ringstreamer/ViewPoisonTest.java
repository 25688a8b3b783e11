package io.ringstreamer;

import io.ringstreamer.result.Bar;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.FakeApiStreamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code poisonViewsAfterCallback}: a view kept past its callback throws, saying why, while reading it
 * inside the callback works; without the flag the same kept view silently shows another result. Both
 * deliveries (the shard thread, the administrator).
 */
@Timeout(120)
class ViewPoisonTest
{
    /** Keeps the views it is given (the misuse the flag catches) and copies them inside the callback. */
    private static final class KeepingListener implements ResultListener
    {
        final List<BarView> keptBars = new ArrayList<>();
        final List<Bar> copies = new ArrayList<>();
        ErrorView keptError;

        @Override
        public void onBar(final BarView bar)
        {
            keptBars.add(bar);
            copies.add(bar.toBar());
        }

        @Override
        public void onError(final ErrorView error)
        {
            keptError = error;
            error.message(); // readable inside the callback
        }
    }

    private static KeepingListener run(final int shards, final boolean poison) throws Exception
    {
        final KeepingListener listener = new KeepingListener();
        try (Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "DUD", "AMZN")
            .shards(shards)
            .streamer(new FakeApiStreamer(SeedPipelineTest.seedMessages()))
            .listener(listener)
            .poisonViewsAfterCallback(poison)
            .build()
            .start())
        {
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(5, listener.copies.size(), "the seed's five bars, read inside their callbacks");
        return listener; // awaitTermination: the listener's writes are visible here
    }

    @Test
    void shouldThrowSayingWhyWhenAKeptViewIsReadAfterItsCallbackAndViewsArePoisoned() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final KeepingListener listener = run(1 + iteration % 2, true);
            for (final BarView kept : listener.keptBars)
            {
                final IllegalStateException thrown = assertThrows(IllegalStateException.class, kept::close);
                assertTrue(thrown.getMessage().startsWith("BarView used after its callback returned"), thrown.getMessage());
            }
            assertThrows(IllegalStateException.class, listener.keptError::message);
            assertThrows(IllegalStateException.class, listener.keptBars.get(0)::symbol);
        }
    }

    @Test
    void shouldShowAnotherResultSilentlyWhenAKeptViewIsReadAndViewsAreNotPoisoned() throws Exception
    {
        final KeepingListener listener = run(1, false);
        final BarView first = listener.keptBars.get(0);
        assertEquals(listener.keptBars.get(4), first, "one reused view object");
        assertEquals(listener.copies.get(4).close(), first.close(), "it shows the last bar, not the first");
    }
}
