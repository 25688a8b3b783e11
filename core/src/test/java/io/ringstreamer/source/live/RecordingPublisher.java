package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StatusKind;
import io.ringstreamer.source.MessagePublisher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link MessagePublisher} test double that records, in order, a copy of every message, status and
 * error published through it (a test double of the interface: the real pipeline is exercised by the
 * end-to-end tests). One thread.
 */
final class RecordingPublisher implements MessagePublisher
{
    /** One published item: a message's bytes, or a status or error. */
    record Item(byte[] bytes, StatusKind status, ErrorKind error, int code, String message)
    {
        boolean isData()
        {
            return bytes != null;
        }

        String text()
        {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    final List<Item> items = new ArrayList<>();
    private long sequence;

    List<byte[]> messages()
    {
        return items.stream().filter(Item::isData).map(Item::bytes).toList();
    }

    List<Item> statuses()
    {
        return items.stream().filter(item -> item.status() != null).toList();
    }

    List<Item> errors()
    {
        return items.stream().filter(item -> item.error() != null).toList();
    }

    void clear()
    {
        items.clear();
    }

    @Override
    public long publish(final byte[] source, final int offset, final int length, final long receiveNanos)
    {
        items.add(new Item(Arrays.copyOfRange(source, offset, offset + length), null, null, 0, null));
        return sequence++;
    }

    @Override
    public long publishStatus(final StatusKind kind, final int code, final CharSequence message)
    {
        items.add(new Item(null, kind, null, code, message.toString()));
        return sequence++;
    }

    @Override
    public long publishError(final ErrorKind kind, final int code, final CharSequence message)
    {
        items.add(new Item(null, null, kind, code, message.toString()));
        return sequence++;
    }

    @Override
    public boolean isClosed()
    {
        return false;
    }
}
