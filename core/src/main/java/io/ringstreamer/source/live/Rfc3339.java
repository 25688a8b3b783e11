package io.ringstreamer.source.live;

/**
 * Parses an RFC 3339 date-time ({@code 2021-02-22T15:51:45.335689322Z}, {@code 2024-07-09T09:30:00-04:00})
 * from raw bytes to Unix epoch milliseconds, without allocating.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, {@code T} (or {@code t}), {@code HH:MM:SS}, an optional fraction of
 * one or more digits (truncated to milliseconds, so {@code .9999} is 999 ms, as
 * {@code Instant.toEpochMilli} floors), then {@code Z} (or {@code z}) or an offset {@code +HH:MM} /
 * {@code -HH:MM}. The calendar is checked (month 1 to 12, day within its month, leap years, hour 0 to
 * 23, minute and second 0 to 59, offset hours 0 to 23); a leap second (60) is rejected, as
 * {@code java.time} does.
 *
 * <p>Stateless; any thread.
 */
final class Rfc3339
{
    /** Returned for input that is not an RFC 3339 date-time. */
    static final long INVALID = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Rfc3339()
    {
    }

    /** @return the epoch milliseconds of {@code bytes[offset, offset + length)}, or {@link #INVALID}. */
    static long parseMillis(final byte[] bytes, final int offset, final int length)
    {
        final int end = offset + length;
        if (length < 20 || bytes[offset + 4] != '-' || bytes[offset + 7] != '-' ||
            (bytes[offset + 10] != 'T' && bytes[offset + 10] != 't') ||
            bytes[offset + 13] != ':' || bytes[offset + 16] != ':')
        {
            return INVALID;
        }
        final int year = digits(bytes, offset, 4);
        final int month = digits(bytes, offset + 5, 2);
        final int day = digits(bytes, offset + 8, 2);
        final int hour = digits(bytes, offset + 11, 2);
        final int minute = digits(bytes, offset + 14, 2);
        final int second = digits(bytes, offset + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
            hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        {
            return INVALID;
        }
        int i = offset + 19;
        int millis = 0;
        if (bytes[i] == '.')
        {
            final int fractionStart = ++i;
            while (i < end && bytes[i] >= '0' && bytes[i] <= '9')
            {
                if (i - fractionStart < 3)
                {
                    millis = millis * 10 + (bytes[i] - '0');
                }
                i++;
            }
            final int fractionDigits = i - fractionStart;
            if (fractionDigits == 0)
            {
                return INVALID;
            }
            for (int d = fractionDigits; d < 3; d++)
            {
                millis *= 10;
            }
        }
        if (i >= end)
        {
            return INVALID;
        }
        int offsetMinutes = 0;
        final byte zone = bytes[i];
        if (zone == 'Z' || zone == 'z')
        {
            i++;
        }
        else if (zone == '+' || zone == '-')
        {
            if (end - i != 6 || bytes[i + 3] != ':')
            {
                return INVALID;
            }
            final int offsetHours = digits(bytes, i + 1, 2);
            final int offsetMinute = digits(bytes, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinute < 0 || offsetMinute > 59)
            {
                return INVALID;
            }
            offsetMinutes = (offsetHours * 60 + offsetMinute) * (zone == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            return INVALID;
        }
        if (i != end)
        {
            return INVALID;
        }
        final long days = daysFromCivil(year, month, day);
        return days * MILLIS_PER_DAY + ((hour * 60L + minute - offsetMinutes) * 60 + second) * 1000 + millis;
    }

    /** @return the value of {@code count} ASCII digits, or -1 if one is not a digit. */
    private static int digits(final byte[] bytes, final int offset, final int count)
    {
        int value = 0;
        for (int i = offset; i < offset + count; i++)
        {
            final int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        switch (month)
        {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's {@code days_from_civil}). */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
