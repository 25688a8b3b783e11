package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code --web PORT} and {@code --web-host HOST}: what they accept and what they refuse. */
class WebOptionTest
{
    @Test
    void shouldAcceptAPortFromZeroAndAHost()
    {
        final DemoOptions any = DemoOptions.parse(new String[] {"--synthetic", "5:100:1s", "--web", "0"});
        assertEquals(0, any.web);
        assertEquals("127.0.0.1", any.webHost, "loopback unless asked");
        final DemoOptions host = DemoOptions.parse(new String[] {"--data", "x.jsonl", "--web=8080", "--web-host", "0.0.0.0"});
        assertEquals(8080, host.web);
        assertEquals("0.0.0.0", host.webHost);
        assertEquals(-1, DemoOptions.parse(new String[] {"--quiet"}).web, "off by default");
    }

    @Test
    void shouldRefuseBadPortsAndCombinations()
    {
        assertEquals("--web needs a port from 0 to 65535, not '65536'",
            assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--web", "65536"})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--web", "x"}));
        assertEquals("--web-host needs --web",
            assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--web-host", "::1"})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--serve", "alpaca", "--web", "0"}));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--exchange-demo", "--web", "0"}));
    }

    @Test
    void shouldSayWhenThePortCannotBeServed() throws Exception
    {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int status = new Demo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"--quiet", "--web", Integer.toString(taken.getLocalPort())}, false);
            assertEquals(2, status, err.toString(StandardCharsets.UTF_8));
            assertEquals(true, err.toString(StandardCharsets.UTF_8).startsWith(
                "ring-streamer: cannot serve the live page on 127.0.0.1:" + taken.getLocalPort()), err.toString(StandardCharsets.UTF_8));
        }
    }
}
