package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line alone, parsed without running anything. */
class DemoOptionsTest
{
    @Test
    void shouldTakeAValueAfterAnEqualsSignWhenGivenAsOptionEqualsValue()
    {
        final DemoOptions options = DemoOptions.parse(new String[] {"--data=prices.jsonl", "--shards=2",
            "--ring-size=1024", "--symbols=AAPL,SPY", "--quiet"});

        assertEquals(Path.of("prices.jsonl"), options.data);
        assertEquals(2, options.shards);
        assertEquals(1024, options.ringSize);
        assertEquals(List.of("AAPL", "SPY"), options.symbols);
        assertTrue(options.quiet);
    }

    @Test
    void shouldReadStandardInputWhenTheDataFileIsADash()
    {
        assertEquals(DemoOptions.STDIN, DemoOptions.parse(new String[] {"--data", "-"}).data.toString());
    }

    @Test
    void shouldNameTheLimitWhenShardsOrRingSizeIsOutOfRange()
    {
        assertEquals("--shards must be 1 to 64, not '65'", assertThrows(IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--shards=65"})).getMessage());
        assertEquals("--ring-size must be a power of two from 2 up, not '1000'", assertThrows(
            IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--ring-size", "1000"})).getMessage());
        assertEquals(64, DemoOptions.parse(new String[] {"--shards", "64"}).shards);
        assertEquals(2, DemoOptions.parse(new String[] {"--ring-size", "2"}).ringSize);
    }

    @Test
    void shouldStateTheLimitsInTheUsageWhenHelpIsAsked()
    {
        assertTrue(DemoOptions.parse(new String[] {"-h"}).help);
        assertTrue(DemoOptions.USAGE.contains("--shards K         shard handler threads, 1 to 64 "), DemoOptions.USAGE);
        assertTrue(DemoOptions.USAGE.contains("--ring-size N      inbound ring slots, a power of two from 2 up"),
            DemoOptions.USAGE);
    }

    @Test
    void shouldRefuseAnUnknownOptionWhenParsing()
    {
        assertEquals("unknown option --bogus", assertThrows(IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--bogus"})).getMessage());
    }
}
