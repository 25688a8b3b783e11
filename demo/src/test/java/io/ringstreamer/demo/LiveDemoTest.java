package io.ringstreamer.demo;

import io.ringstreamer.demo.exchange.FakeExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's live commands against a fake exchange on loopback, and their option checks. */
@Timeout(120)
class LiveDemoTest
{
    private record Run(int status, String out, String err)
    {
    }

    private static Run run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the demo on another thread until its standard output shows {@code expected} (at most 60 s),
     * then interrupts it, as Ctrl-C would: it closes the pipeline and returns. A fixed {@code --seconds}
     * instead was too short on a loaded machine (the login had not happened after 1 s).
     */
    private static Run runUntil(final String expected, final String... args) throws InterruptedException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(); // synchronised: read while written
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int[] status = {-1};
        final Thread demo = new Thread(() -> status[0] = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false), "demo");
        demo.start();
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!out.toString(StandardCharsets.UTF_8).contains(expected) && demo.isAlive() && System.nanoTime() < deadline)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // polls the output
        }
        demo.interrupt();
        demo.join();
        return new Run(status[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldFailWithOneLineAndStatusTwoWhenLiveOptionsDoNotGoTogether()
    {
        for (final String[] args : List.of(
            new String[] {"--serve"},
            new String[] {"--serve", "nasdaq"},
            new String[] {"--serve", "alpaca", "--symbols", "AAPL"},
            new String[] {"--serve", "alpaca", "--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca"},
            new String[] {"--connect", "http://127.0.0.1:1/alpaca", "--protocol", "alpaca"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--key", "k"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--token", "t"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "schwab", "--key", "k", "--secret", "s"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--data", "x.jsonl"},
            new String[] {"--naive"},
            new String[] {"--protocol", "alpaca"},
            new String[] {"--work-us", "100"},
            new String[] {"--work-us", "0", "--exchange-demo"},
            new String[] {"--rate", "100"},
            new String[] {"--port", "8080"},
            new String[] {"--seconds", "3"},
            new String[] {"--exchange-demo", "--record", "/tmp/journal"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--key-env", "K"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--token-env", "T"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--credentials", "no-such-file"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "schwab", "--token", "t", "--credentials", "f"},
            new String[] {"--credentials", "f"},
            new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca", "--drain-seconds", "1"}))
        {
            final Run run = run(args);
            assertEquals(2, run.status, Arrays.toString(args) + ": " + run.err);
            assertEquals(1, run.err.lines().count(), run.err);
            assertTrue(run.err.startsWith("ring-streamer: "), run.err);
        }
        final String help = run("--help").out;
        for (final String option : List.of("--serve", "--connect", "--protocol", "--naive", "--work-us", "--exchange-demo",
            "--key-env", "--secret-env", "--token-env", "--credentials", "--drain-seconds"))
        {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void shouldServeTheFakeExchangeAndReportItsAddressWhenServing()
    {
        final Run run = run("--serve", "schwab", "--seconds", "1", "--rate", "100");
        assertEquals(0, run.status, run.err);
        assertTrue(run.out.matches("(?s)Fake exchange on ws://127\\.0\\.0\\.1:\\d+/schwab \\(also ws://127\\.0\\.0\\.1:\\d+/alpaca\\).*"),
            run.out);
    }

    @Test
    void shouldBeCutOffAndSaySoWhenTheNaiveClientLagsTheFeed() throws Exception
    {
        try (FakeExchange exchange = FakeExchange.builder().rate(5_000).maxBacklog(1_000).socketBufferBytes(64 * 1024).build().start())
        {
            final Run run = run("--connect", exchange.uri(FakeExchange.Protocol.ALPACA).toString(), "--protocol", "alpaca",
                "--naive", "--work-us", "500", "--seconds", "60");
            assertEquals(0, run.status, run.err);
            assertTrue(run.out.contains("EventInstance(kind=ProtocolError, code=407, message='slow client')"), run.out);
            assertTrue(run.err.contains("closed=true code=1008 reason=slow client"), run.err);
        }
    }

    @Test
    void shouldPrintStatusesAndResultsWhenConnectedToSchwab() throws Exception
    {
        try (FakeExchange exchange = FakeExchange.builder().rate(500).build().start())
        {
            final Run run = run("--connect", exchange.uri(FakeExchange.Protocol.SCHWAB).toString(), "--protocol", "schwab",
                "--symbols", "AAPL", "--seconds", "3", "--work-us", "10");
            assertEquals(0, run.status, run.err);
            assertTrue(run.out.contains("StatusInstance(status=Connected, code=0, message='ws://127.0.0.1:"), run.out);
            assertTrue(run.out.contains("StatusInstance(status=Authenticated"), run.out);
            assertTrue(run.out.contains("ResultInstance(symbol='AAPL'"), run.out);
            assertTrue(run.err.contains(" errors=0 "), run.err);
        }
    }

    @Test
    void shouldSubscribeAndUnsubscribeWhenPlusAndMinusLinesAreTyped() throws Exception
    {
        try (FakeExchange exchange = FakeExchange.builder().rate(1_000).build().start())
        {
            final DemoOptions options = DemoOptions.parse(new String[] {
                "--connect", exchange.uri(FakeExchange.Protocol.ALPACA).toString(), "--protocol", "alpaca"});
            final io.ringstreamer.source.live.WebSocketStreamer streamer = LiveDemo.streamer(options);
            final java.util.concurrent.atomic.AtomicLong nvdaTrades = new java.util.concurrent.atomic.AtomicLong();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (io.ringstreamer.Pipeline pipeline = io.ringstreamer.Pipeline.builder()
                .symbols("AAPL")
                .streamer(streamer)
                .listener(new io.ringstreamer.result.ResultListener()
                {
                    @Override
                    public void onBar(final io.ringstreamer.result.BarView bar)
                    {
                    }

                    @Override
                    public void onTrade(final io.ringstreamer.result.TradeView trade)
                    {
                        if (trade.symbol().equals("NVDA"))
                        {
                            nvdaTrades.incrementAndGet();
                        }
                    }

                    @Override
                    public void onError(final io.ringstreamer.result.ErrorView error)
                    {
                    }
                })
                .build().start())
            {
                final java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
                LiveDemo.subscriptionsFrom(new java.io.PipedInputStream(typing), pipeline,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
                assertTrue(io.ringstreamer.demo.exchange.Polling.await(() -> exchange.lastClient() != null &&
                    exchange.lastClient().itemsSent("t", "AAPL") > 10, 20), "logged in and streaming AAPL");
                typing.write("+NVDA\n".getBytes(StandardCharsets.UTF_8));
                typing.flush();
                assertTrue(io.ringstreamer.demo.exchange.Polling.await(() -> nvdaTrades.get() > 10, 20), "NVDA added from a typed line");
                typing.write("hello\n -AAPL \n".getBytes(StandardCharsets.UTF_8));
                typing.flush();
                assertTrue(io.ringstreamer.demo.exchange.Polling.await(() -> exchange.lastClient().requests().stream()
                    .anyMatch(r -> r.contains("\"unsubscribe\"") && r.contains("[\"AAPL\"]")), 20),
                    () -> "AAPL removed: " + exchange.clients() + " " + exchange.lastClient().requests() + " " + err);
                typing.close();
                assertTrue(err.toString(StandardCharsets.UTF_8).contains("type +SYMBOL to subscribe"), "a line that is neither");
            }
        }
    }

    private static int closedPort() throws Exception
    {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return probe.getLocalPort(); // closed again: connections are refused
        }
    }

    @Test
    void shouldNameTheHostPortAndCauseWhenTheNaiveClientIsRefused() throws Exception
    {
        final int port = closedPort();
        final Run run = run("--connect", "ws://127.0.0.1:" + port + "/alpaca?token=SECRET", "--protocol", "alpaca", "--naive");
        assertEquals(1, run.status, run.err);
        assertEquals("ring-streamer: cannot connect to 127.0.0.1:" + port + ": connection refused", run.err.strip());
    }

    @Test
    void shouldPrintTheRefusalAsItHappensAndStopAtTheDeadlineWhenTheServerIsNotThere() throws Exception
    {
        final int port = closedPort();
        final Run run = run("--connect", "ws://127.0.0.1:" + port + "/alpaca?token=SECRET", "--protocol", "alpaca",
            "--seconds", "1");
        assertEquals(0, run.status, run.err);
        assertTrue(run.out.contains("message='cannot connect to 127.0.0.1:" + port + ": connection refused'"), run.out);
        assertTrue(!run.out.contains("SECRET") && !run.err.contains("SECRET"), run.out + run.err);
        assertTrue(run.err.matches("(?s).*stopped reading after 1 s; drained in \\d+ ms.*"), run.err);
    }

    /**
     * The ring (256 slots) fills once the feed runs (a second or so after the start, on a busy machine), as
     * the feed is far faster than 10 ms of work per item: what it holds at the stop is about 2.5 s of work,
     * well past the 1 s deadline. (It drains on afterwards, on the pipeline's threads.)
     */
    @Test
    void shouldReportWhatWasLeftWhenTheDrainDeadlinePasses() throws Exception
    {
        try (FakeExchange exchange = FakeExchange.builder().rate(5_000).build().start())
        {
            final Run run = run("--connect", exchange.uri(FakeExchange.Protocol.ALPACA).toString(), "--protocol", "alpaca",
                "--quiet", "--ring-size", "256", "--shards", "1", "--work-us", "10000", "--seconds", "3", "--drain-seconds", "1");
            assertEquals(0, run.status, run.err);
            assertTrue(run.err.matches("(?s).*stopped reading after 3 s; not drained within 1000 ms: \\d+ messages in flight.*"),
                run.err);
        }
    }

    @Test
    void shouldReadCredentialsFromTheEnvironmentWhenNamedAndNeverPrintThem()
    {
        final java.util.Map<String, String> environment = java.util.Map.of("ALPACA_KEY", "env-key", "ALPACA_SECRET", "env-secret",
            "SCHWAB_TOKEN", "env-token");
        final DemoOptions alpaca = DemoOptions.parse(new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca",
            "--key-env", "ALPACA_KEY", "--secret-env", "ALPACA_SECRET"}, environment::get);
        assertEquals(List.of("env-key", "env-secret"), List.of(alpaca.key, alpaca.secret));
        final DemoOptions schwab = DemoOptions.parse(new String[] {"--connect", "ws://127.0.0.1:1/schwab", "--protocol", "schwab",
            "--token-env", "SCHWAB_TOKEN"}, environment::get);
        assertEquals("env-token", schwab.token);
        final IllegalArgumentException unset = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
            DemoOptions.parse(new String[] {"--connect", "ws://127.0.0.1:1/alpaca", "--protocol", "alpaca",
                "--key-env", "ALPACA_KEY", "--secret-env", "NOT_SET"}, environment::get));
        assertEquals("--secret-env NOT_SET: the environment variable NOT_SET is not set", unset.getMessage());
    }

    @Test
    void shouldLogInWithCredentialsFromAFileWhenGivenOne(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) throws Exception
    {
        final java.nio.file.Path file = dir.resolve("alpaca.properties");
        java.nio.file.Files.writeString(file, "# Alpaca paper account\nkey = file-key\nsecret = file-secret\n");
        try (FakeExchange exchange = FakeExchange.builder().rate(100).credentials("file-key", "file-secret").build().start())
        {
            final Run run = runUntil("StatusInstance(status=Authenticated", "--connect",
                exchange.uri(FakeExchange.Protocol.ALPACA).toString(), "--protocol", "alpaca",
                "--credentials", file.toString(), "--symbols", "AAPL", "--seconds", "60");
            assertEquals(0, run.status, run.err);
            assertTrue(run.out.contains("StatusInstance(status=Authenticated"), run.out);
            assertTrue(!run.out.contains("file-secret") && !run.err.contains("file-secret"), run.out + run.err);
        }
    }
}
