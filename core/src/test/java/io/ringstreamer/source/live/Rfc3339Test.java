package io.ringstreamer.source.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Rfc3339Test
{
    private static long parse(final String text)
    {
        final byte[] bytes = ("##" + text + "#").getBytes(StandardCharsets.US_ASCII);
        return Rfc3339.parseMillis(bytes, 2, bytes.length - 3);
    }

    @Test
    void shouldAgreeWithJavaTimeWhenGivenRandomInstantsFractionsAndOffsets()
    {
        final Random random = new Random(3339);
        final long from = Instant.parse("0002-01-01T00:00:00Z").getEpochSecond();
        final long to = Instant.parse("9998-12-31T00:00:00Z").getEpochSecond();
        for (int n = 0; n < 100_000; n++)
        {
            final long second = n % 2 == 0 ? from + (long)(random.nextDouble() * (to - from)) :
                1_500_000_000L + random.nextInt(1_000_000_000); // dense around today as well
            final int nanos = random.nextInt(1_000_000_000);
            final int offsetMinutes = random.nextInt(4) == 0 ? 0 : random.nextInt(2 * 18 * 60 + 1) - 18 * 60;
            final ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            final LocalDateTime local = LocalDateTime.ofEpochSecond(second, nanos, offset);
            final StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", local.getYear(),
                local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond()));
            final int digits = random.nextInt(10); // 0 to 9 fraction digits
            if (digits > 0)
            {
                text.append('.').append(String.format("%09d", nanos), 0, digits);
            }
            text.append(offsetMinutes == 0 && random.nextBoolean() ? "Z" : offset.getId().equals("Z") ? "+00:00" : offset.getId());
            final String formatted = text.toString();
            assertEquals(OffsetDateTime.parse(formatted).toInstant().toEpochMilli(), parse(formatted), formatted);
        }
    }

    @Test
    void shouldParseTheDocumentedAlpacaTimesWhenGivenThem()
    {
        assertEquals(Instant.parse("2021-02-22T19:15:00Z").toEpochMilli(), parse("2021-02-22T19:15:00Z"));
        assertEquals(Instant.parse("2021-02-22T15:51:45.335Z").toEpochMilli(), parse("2021-02-22T15:51:45.335689322Z"));
        assertEquals(Instant.parse("2021-02-22T15:51:44.208Z").toEpochMilli(), parse("2021-02-22T15:51:44.208Z"));
        assertEquals(Instant.parse("2024-07-09T13:30:00Z").toEpochMilli(), parse("2024-07-09T09:30:00-04:00"));
        assertEquals(Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli(), parse("1969-12-31t23:59:59.9999999z"));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli(), parse("2024-02-29T00:00:00Z"));
    }

    @Test
    void shouldRejectWhenTheTextIsNotAnRfc3339DateTime()
    {
        for (final String bad : List.of("", "2021-02-22T19:15:00", "2021-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
            "2021-13-01T00:00:00Z", "2021-02-22T24:00:00Z", "2021-02-22T19:60:00Z", "2021-02-22T19:15:60Z",
            "2021-02-22T19:15:00.Z", "2021-02-22 19:15:00Z", "2021-02-22T19:15:00+0100", "2021-02-22T19:15:00+01:00:00",
            "2021-02-22T19:15:00+24:00", "2021-02-22T19:15:00ZZ", "2021/02/22T19:15:00Z", "2021-02-2xT19:15:00Z",
            "\u2026", "2021-02-22T19:15:00.123456789012Q"))
        {
            assertEquals(Rfc3339.INVALID, parse(bad.replace('\u2026', '?')), bad);
        }
    }
}
