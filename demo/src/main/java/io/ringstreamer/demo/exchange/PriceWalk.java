package io.ringstreamer.demo.exchange;

import java.util.SplittableRandom;

/**
 * One symbol's simulated prices for the fake exchange: a seeded random walk in whole cents, a quote
 * around it, and 1-minute bars whose open and close lie between low and high. Owned by one thread.
 */
final class PriceWalk
{
    private final SplittableRandom random;
    long midCents;
    long minute;
    long tradeId;

    PriceWalk(final String symbol, final long seed)
    {
        this.random = new SplittableRandom(seed ^ symbol.hashCode() * 0x9E3779B97F4A7C15L);
        this.midCents = 2_000 + random.nextInt(48_000);
        this.tradeId = 1_000 + random.nextInt(100_000);
    }

    long step()
    {
        midCents = Math.max(100, midCents + random.nextInt(-5, 6));
        return midCents;
    }

    long bidCents()
    {
        return midCents - 1;
    }

    long askCents()
    {
        return midCents + 1;
    }

    long lots()
    {
        return 1 + random.nextInt(20);
    }

    long size()
    {
        return 100 * lots();
    }

    /** The next bar as {open, high, low, close, volume} in cents and shares; every bar valid. */
    long[] bar()
    {
        final long open = midCents;
        final long close = step();
        final long high = Math.max(open, close) + random.nextInt(0, 10);
        final long low = Math.max(1, Math.min(open, close) - random.nextInt(0, 10));
        minute++;
        return new long[] {open, high, low, close, 100 + random.nextInt(100_000)};
    }

    static String price(final long cents)
    {
        final long whole = cents / 100;
        final long fraction = cents % 100;
        return whole + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
