package io.ringstreamer.metrics.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class PaddedCounterTest
{
    private static final int WRITES = 200_000;

    /**
     * The owner writes a plain array element, then increments; a reader that sees count {@code c} must
     * see every element written before the {@code c}-th increment (release/acquire), and counts never
     * go backwards.
     */
    @Test
    void shouldBeReadConsistentlyByAnotherThreadWhileItsOwnerWritesIt() throws Exception
    {
        for (int iteration = 0; iteration < 20; iteration++)
        {
            final PaddedCounter counter = new PaddedCounter();
            final long[] written = new long[WRITES];
            final AtomicReference<String> failure = new AtomicReference<>();
            final Thread reader = new Thread(() ->
            {
                long last = 0;
                while (last < WRITES)
                {
                    final long seen = counter.get();
                    if (seen < last)
                    {
                        failure.set("went back from " + last + " to " + seen);
                        return;
                    }
                    if (seen > 0 && written[(int)seen - 1] != seen)
                    {
                        failure.set("saw count " + seen + " before the write that preceded it");
                        return;
                    }
                    last = seen;
                }
            }, "counter-reader");
            reader.start();
            for (int i = 0; i < WRITES; i++)
            {
                written[i] = i + 1;
                if ((i & 1) == 0)
                {
                    counter.increment();
                }
                else
                {
                    counter.add(1);
                }
            }
            reader.join();
            assertNull(failure.get(), failure.get());
            assertEquals(WRITES, counter.get());
        }
    }

    @Test
    void shouldKeepAtLeastACacheLinePairOfPaddingOnEachSideOfTheValue()
    {
        assertTrue(longFields(PaddedCounterLeftPadding.class) * Long.BYTES >= 120, "left padding");
        assertTrue(longFields(PaddedCounterRightPadding.class) * Long.BYTES >= 120, "right padding");
        assertEquals(PaddedCounterValue.class, PaddedCounterRightPadding.class.getSuperclass());
        assertEquals(PaddedCounterLeftPadding.class, PaddedCounterValue.class.getSuperclass());
        assertEquals(PaddedCounterRightPadding.class, PaddedCounter.class.getSuperclass());
    }

    private static int longFields(final Class<?> type)
    {
        int count = 0;
        for (final Field field : type.getDeclaredFields())
        {
            if (field.getType() == long.class && !Modifier.isStatic(field.getModifiers()))
            {
                count++;
            }
        }
        return count;
    }
}
