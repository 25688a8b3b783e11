package io.ringstreamer.demo;

import io.ringstreamer.Pipeline;
import io.ringstreamer.demo.exchange.Polling;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;
import io.ringstreamer.source.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console shows statuses and errors when they happen, through the demo's large output buffer. */
@Timeout(60)
class ConsoleListenerTest
{
    @Test
    void shouldShowStatusesAndErrorsAtOnceWhenTheOutputIsBuffered() throws Exception
    {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(new BufferedOutputStream(console, 1 << 16), false, StandardCharsets.UTF_8);
        final CountDownLatch seen = new CountDownLatch(1);
        final Streamer streamer = new Streamer()
        {
            @Override
            public void stream(final MessagePublisher publisher) throws Exception
            {
                publisher.publishStatus(StatusKind.CONNECTED, 0, "ws://127.0.0.1:1/alpaca");
                publisher.publishError(ErrorKind.CONNECTION_LOST, 0, "cannot connect to 127.0.0.1:1: connection refused");
                seen.await(30, TimeUnit.SECONDS); // the stream goes on; nothing ends it and flushes
            }
        };
        try (Pipeline pipeline = Pipeline.builder().symbols("AAPL").streamer(streamer)
            .listener(new ConsoleListener(out, false)).build().start())
        {
            final boolean shown = Polling.await(() ->
            {
                final String text;
                synchronized (console)
                {
                    text = console.toString(StandardCharsets.UTF_8);
                }
                return text.contains("status=Connected") && text.contains("connection refused");
            }, 10);
            seen.countDown();
            assertTrue(shown, () -> "on the console while the stream runs: '" + console.toString(StandardCharsets.UTF_8) + "'");
        }
    }
}
