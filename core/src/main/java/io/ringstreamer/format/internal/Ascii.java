package io.ringstreamer.format.internal;

import java.util.Arrays;

/**
 * Byte comparisons over raw message bytes, free of allocation.
 */
public final class Ascii
{
    private Ascii()
    {
    }

    /**
     * @return whether {@code buffer[offset, offset + length)} holds exactly the bytes of {@code expected}.
     */
    public static boolean equals(final byte[] expected, final byte[] buffer, final int offset, final int length)
    {
        if (expected.length != length)
        {
            return false;
        }
        if (length > 16)
        {
            return Arrays.equals(expected, 0, length, buffer, offset, offset + length);
        }
        for (int i = 0; i < length; i++) // short names: a plain loop beats the vectorised mismatch's set-up
        {
            if (expected[i] != buffer[offset + i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A stable 32-bit hash (FNV-1a) of {@code buffer[offset, offset + length)}.
     */
    public static int hash(final byte[] buffer, final int offset, final int length)
    {
        int hash = 0x811C9DC5;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            hash ^= buffer[i] & 0xFF;
            hash *= 0x01000193;
        }
        return hash;
    }
}
