package io.ringstreamer.source;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convenience overloads are default methods: an implementation writes only the four abstract methods. */
class MessagePublisherTest
{
    /** Implements only what an implementation must. */
    private static final class Minimal implements MessagePublisher
    {
        final List<byte[]> messages = new ArrayList<>();
        final List<Long> nanos = new ArrayList<>();

        @Override
        public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
        {
            messages.add(Arrays.copyOfRange(source, offset, offset + length));
            nanos.add(receiveNanos);
            return messages.size() - 1;
        }

        @Override
        public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
        {
            return 0;
        }

        @Override
        public long publishError(final ErrorKind kind, final int code, final CharSequence message)
        {
            return 0;
        }

        @Override
        public boolean isClosed()
        {
            return false;
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldStampTheTimeNowWhenTheArrayOverloadHasNoTime()
    {
        final Minimal publisher = new Minimal();
        final long before = System.nanoTime();
        assertEquals(0, publisher.publish(ascii("xabcx"), 1, 3));
        final long after = System.nanoTime();
        assertArrayEquals(ascii("abc"), publisher.messages.get(0));
        assertTrue(publisher.nanos.get(0) >= before && publisher.nanos.get(0) <= after);
    }

    @Test
    void shouldPublishTheRemainingBytesInPlaceWhenGivenAHeapBufferSlice()
    {
        final Minimal publisher = new Minimal();
        final ByteBuffer slice = ByteBuffer.wrap(ascii("--hello--")).position(1).slice(); // arrayOffset 1
        slice.position(1).limit(6);
        assertEquals(0, publisher.publish(slice));
        assertArrayEquals(ascii("hello"), publisher.messages.get(0));
        assertEquals(1, slice.position(), "position unchanged");
    }

    @Test
    void shouldCopyTheRemainingBytesWhenGivenADirectBuffer()
    {
        final Minimal publisher = new Minimal();
        final ByteBuffer direct = ByteBuffer.allocateDirect(16).put(ascii("..direct..")).flip();
        direct.position(2).limit(8);
        assertEquals(0, publisher.publish(direct));
        assertArrayEquals(ascii("direct"), publisher.messages.get(0));
        assertEquals(2, direct.position(), "position unchanged");
    }

    @Test
    void shouldPublishTheClaimByCopyOnCommitAndNothingOnAbortWhenThePublisherKeepsTheDefaultClaim()
    {
        final Minimal publisher = new Minimal();
        final MessageClaim claim = publisher.claim(8);
        assertEquals(8, claim.capacity());
        System.arraycopy(ascii("claimed"), 0, claim.buffer(), claim.offset(), 7);
        assertEquals(0, claim.commit(7, 42));
        assertArrayEquals(ascii("claimed"), publisher.messages.get(0));
        assertEquals(42L, publisher.nanos.get(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> claim.commit(1));

        final MessageClaim aborted = publisher.claim(4);
        aborted.abort();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, aborted::abort);
        assertEquals(1, publisher.messages.size(), "nothing published by an abort");
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> publisher.claim(2).commit(3));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> publisher.claim(-1));
    }
}
