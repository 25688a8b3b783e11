package io.ringstreamer.source.live;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When a live source tries again after its connection dropped: exponential backoff with jitter.
 *
 * <p>Attempt {@code n} (1 for the first try after a drop) waits {@code min(max, initial * multiplier^(n-1))},
 * less a random part of up to {@code jitter} of it, so that many clients cut off at once do not all
 * come back at once. After {@link #maxAttempts()} failed attempts in a row the source gives up (0: never).
 * The count starts again once a connection has logged in.
 *
 * <p>Immutable and thread-safe; {@link #delayMillis} takes the caller's random source.
 */
public final class ReconnectPolicy
{
    /** The default: unlimited attempts, 0.5 s doubling up to 30 s, up to half of each delay random. */
    public static final ReconnectPolicy DEFAULT =
        new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5, 0);

    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final double jitter;
    private final int maxAttempts;

    /**
     * @param initial     the first delay; at least 1 ms.
     * @param max         the longest delay; at least {@code initial}.
     * @param multiplier  growth per attempt; at least 1.
     * @param jitter      the random part of each delay, 0 (none) to 1 (anything from 0 to the delay).
     * @param maxAttempts failed attempts in a row before giving up; 0 for never.
     */
    public ReconnectPolicy(
        final Duration initial, final Duration max, final double multiplier, final double jitter, final int maxAttempts)
    {
        this.initialMillis = Objects.requireNonNull(initial).toMillis();
        this.maxMillis = Objects.requireNonNull(max).toMillis();
        if (initialMillis < 1 || maxMillis < initialMillis)
        {
            throw new IllegalArgumentException("need 1 ms <= initial <= max: " + initial + ", " + max);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier))
        {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1))
        {
            throw new IllegalArgumentException("jitter must be 0 to 1: " + jitter);
        }
        if (maxAttempts < 0)
        {
            throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
        }
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
    }

    /** The same delays, giving up after {@code maxAttempts} failed attempts in a row (0: never). */
    public ReconnectPolicy withMaxAttempts(final int maxAttempts)
    {
        return new ReconnectPolicy(Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), multiplier, jitter,
            maxAttempts);
    }

    /** Failed attempts in a row before giving up; 0 for never. */
    public int maxAttempts()
    {
        return maxAttempts;
    }

    /** Whether attempt {@code attempt} (1-based) may be made. */
    public boolean allows(final int attempt)
    {
        return maxAttempts == 0 || attempt <= maxAttempts;
    }

    /** The wait before attempt {@code attempt} (1-based), in milliseconds. */
    public long delayMillis(final int attempt, final SplittableRandom random)
    {
        final double grown = initialMillis * Math.pow(multiplier, Math.max(0, attempt - 1));
        final long base = (long)Math.min(maxMillis, grown);
        final long randomPart = jitter == 0 ? 0 : (long)(base * jitter * random.nextDouble());
        return Math.max(1, base - randomPart);
    }

    @Override
    public String toString()
    {
        return "ReconnectPolicy[initial=" + initialMillis + "ms, max=" + maxMillis + "ms, multiplier=" + multiplier +
            ", jitter=" + jitter + ", maxAttempts=" + (maxAttempts == 0 ? "unlimited" : maxAttempts) + "]";
    }
}
