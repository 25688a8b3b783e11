package io.ringstreamer.delivery;

import io.ringstreamer.format.internal.JsonText;

/**
 * A reusable, growable UTF-16 text: the {@link CharSequence} a news view hands out. Grows on first use
 * of a slot (up to the text limit), then is reused; {@link #toString()} copies.
 */
public final class TextBuffer implements CharSequence
{
    private char[] chars = new char[0];
    private int length;

    /** Decodes raw JSON string contents into this buffer. @return false if not valid UTF-8. */
    public boolean decode(final byte[] buffer, final int offset, final int length)
    {
        if (chars.length < length)
        {
            chars = new char[Math.max(length, 64)];
        }
        final int decoded = JsonText.decode(buffer, offset, length, chars);
        this.length = Math.max(0, decoded);
        return decoded >= 0;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    @Override
    public String toString()
    {
        return new String(chars, 0, length);
    }
}
