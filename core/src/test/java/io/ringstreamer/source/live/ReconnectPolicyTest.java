package io.ringstreamer.source.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectPolicyTest
{
    @Test
    void shouldGrowExponentiallyUpToTheMaximumWhenWithoutJitter()
    {
        final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2, 0, 0);
        final SplittableRandom random = new SplittableRandom(1);
        final long[] expected = {500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int attempt = 1; attempt <= expected.length; attempt++)
        {
            assertEquals(expected[attempt - 1], policy.delayMillis(attempt, random), "attempt " + attempt);
        }
        assertEquals(30_000, policy.delayMillis(10_000, random), "no overflow on a long outage");
    }

    @Test
    void shouldStayWithinTheJitterBandWhenRandomised()
    {
        final SplittableRandom random = new SplittableRandom(3);
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final long delay = ReconnectPolicy.DEFAULT.delayMillis(3, random); // base 2,000 ms, up to half random
            lowest = Math.min(lowest, delay);
            highest = Math.max(highest, delay);
        }
        assertTrue(lowest >= 1_000 && lowest < 1_050, "lowest " + lowest);
        assertTrue(highest <= 2_000 && highest > 1_950, "highest " + highest);
    }

    @Test
    void shouldAllowAttemptsUpToTheMaximumWhenLimited()
    {
        assertTrue(ReconnectPolicy.DEFAULT.allows(1_000_000));
        final ReconnectPolicy three = ReconnectPolicy.DEFAULT.withMaxAttempts(3);
        assertTrue(three.allows(3));
        assertFalse(three.allows(4));
    }

    @Test
    void shouldRejectSettingsThatMakeNoSenseWhenBuilt()
    {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 0, -1));
    }
}
