package io.ringstreamer.demo;

import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats results as the original ray-streamer printed them.
 *
 * <pre>
 * ResultInstance(symbol='AMZN', open=199.79, high=199.84, low=199.79, close=199.84, volume=1521, unix_ts=1720522800000, new_york_datetime=2024-07-09 07:00:00-04:00)
 * ErrorInstance(error=ConnectionError, message='No more data available from API.')
 * </pre>
 */
public final class SeedFormat
{
    /** The exchange's clock: bar times print in New York local time. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter NEW_YORK_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX").withZone(NEW_YORK);

    private SeedFormat()
    {
    }

    /** {@code 1720522920000} → {@code 2024-07-09 07:02:00-04:00}. */
    public static String newYorkTime(final long epochMillis)
    {
        return NEW_YORK_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public static StringBuilder bar(final BarView bar, final StringBuilder out)
    {
        return out.append("ResultInstance(symbol='").append(bar.symbol())
            .append("', open=").append(bar.open())
            .append(", high=").append(bar.high())
            .append(", low=").append(bar.low())
            .append(", close=").append(bar.close())
            .append(", volume=").append(bar.volume())
            .append(", unix_ts=").append(bar.barStartMillis())
            .append(", new_york_datetime=").append(newYorkTime(bar.barStartMillis()))
            .append(')');
    }

    /** The seed's form; a symbol and a sequence are added when the error concerns one. */
    public static StringBuilder error(final ErrorView error, final StringBuilder out)
    {
        out.append("ErrorInstance(error=").append(error.kind().label())
            .append(", message='").append(error.message()).append('\'');
        if (error.symbol() != null)
        {
            out.append(", symbol='").append(error.symbol()).append('\'');
        }
        if (error.sequence() >= 0)
        {
            out.append(", sequence=").append(error.sequence());
        }
        return out.append(')');
    }
}
