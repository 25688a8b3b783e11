package io.ringstreamer.format;

import io.ringstreamer.format.internal.Ascii;
import java.nio.charset.StandardCharsets;

/**
 * The services of the canonical envelope: one per message, naming what every entry in it holds.
 */
public enum Service
{
    /** One completed 1-minute OHLCV bar per symbol. */
    CHART_EQUITY,
    /** A Level 1 change: only fields that changed are present. */
    LEVELONE_EQUITIES,
    /** A whole Level 2 snapshot. */
    BOOK,
    /** One trade print. */
    TIMESALE_EQUITY,
    /** One headline. */
    NEWS_HEADLINE;

    private static final Service[] VALUES = values();
    private final byte[] nameBytes = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * Finds the service whose name equals the given ASCII bytes, without allocating.
     *
     * @return the service, or {@code null} if no service has that name.
     */
    public static Service lookup(final byte[] buffer, final int offset, final int length)
    {
        for (final Service service : VALUES)
        {
            if (Ascii.equals(service.nameBytes, buffer, offset, length))
            {
                return service;
            }
        }
        return null;
    }
}
