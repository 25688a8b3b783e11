package io.ringstreamer.cluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The two streams' frames: one Aeron message each, little-endian (Agrona's default), a fixed header and a
 * type-specific body. Written and read in place (tryClaim, flyweight views): nothing is allocated per frame.
 *
 * <h2>Feed stream (feed node to every worker)</h2>
 * <pre>
 *  0 int  type        DATA, STATUS, ERROR, SUBSCRIBE, UNSUBSCRIBE, START, END, CLOSE
 *  4 int  a           STATUS/ERROR: kind ordinal; SUBSCRIBE/UNSUBSCRIBE: symbol id; END: error kind ordinal or -1
 *  8 int  b           STATUS/ERROR: code; SUBSCRIBE: owning worker
 * 12 int  reserved
 * 16 long sequence    the feed's inbound sequence (data, statuses, errors: 0, 1, 2, ...); -1 for control frames
 * 24 long receive     System.nanoTime() on the feed's host when the message was received
 * 32 ...  body        DATA: the raw message; STATUS/ERROR/END: UTF-8 text; SUBSCRIBE/UNSUBSCRIBE: the symbol (ASCII)
 * </pre>
 * A frame's place in the stream is its Aeron stream position: control frames sent from any thread take effect
 * exactly there, between the data frames before and after them.
 *
 * <h2>Result stream (each worker to the administrator)</h2>
 * <pre>
 *  0 int  type        BAR, AGGREGATE_BAR, ERROR, STATUS, HEARTBEAT, WORKER_END, QUOTE, TRADE, BOOK, NEWS, CUSTOM
 *  4 int  worker      the sending worker's number
 *  8 int  symbol id   the feed's id of the result's symbol, or -1 for a result about no symbol, or -2 for a
 *                     status of the worker's own pipeline (SPILLING, CAUGHT_UP: not replayed alike, never deduped)
 * 12 int  kind        ERROR/STATUS: kind ordinal; AGGREGATE_BAR: minutes; WORKER_END: the feed's end error kind or -1
 * 16 long ordinal     the result's number among its key's results (key: the symbol, or the worker when no symbol)
 * 24 long sequence    the worker pipeline's inbound sequence of the result
 * 32 long timestamp   the message's envelope timestamp (ms)
 * 40 long receive     the feed's receive stamp of the message (ns), when known, else 0
 * 48 ...  body        per type (see the offsets below), then the symbol (length-prefixed ASCII) and text (UTF-8)
 * </pre>
 */
final class ClusterWire
{
    // Feed stream frame types.
    static final int DATA = 1;
    static final int STATUS = 2;
    static final int ERROR = 3;
    static final int SUBSCRIBE = 4;
    static final int UNSUBSCRIBE = 5;
    static final int START = 6;
    static final int END = 7;
    static final int CLOSE = 8;

    static final int TYPE_OFFSET = 0;
    static final int A_OFFSET = 4;
    static final int B_OFFSET = 8;
    static final int SEQUENCE_OFFSET = 16;
    static final int RECEIVE_OFFSET = 24;
    static final int FEED_HEADER_LENGTH = 32;

    // Result stream frame types.
    static final int R_BAR = 11;
    static final int R_AGGREGATE_BAR = 12;
    static final int R_ERROR = 13;
    static final int R_STATUS = 14;
    static final int R_HEARTBEAT = 15;
    static final int R_WORKER_END = 16;
    static final int R_QUOTE = 17;
    static final int R_TRADE = 18;
    static final int R_BOOK = 19;
    static final int R_NEWS = 20;
    static final int R_CUSTOM = 21;

    static final int R_WORKER_OFFSET = 4;
    static final int R_SYMBOL_ID_OFFSET = 8;
    /** The symbol id of a status about the worker's own pipeline, not the stream: delivered as it comes. */
    static final int WORKER_OWN = -2;
    static final int R_KIND_OFFSET = 12;
    static final int R_ORDINAL_OFFSET = 16;
    static final int R_SEQUENCE_OFFSET = 24;
    static final int R_TIMESTAMP_OFFSET = 32;
    static final int R_RECEIVE_OFFSET = 40;
    static final int RESULT_HEADER_LENGTH = 48;

    // BAR and AGGREGATE_BAR bodies.
    static final int OPEN_OFFSET = RESULT_HEADER_LENGTH;
    static final int HIGH_OFFSET = OPEN_OFFSET + 8;
    static final int LOW_OFFSET = HIGH_OFFSET + 8;
    static final int CLOSE_OFFSET = LOW_OFFSET + 8;
    static final int VOLUME_OFFSET = CLOSE_OFFSET + 8;
    static final int START_MILLIS_OFFSET = VOLUME_OFFSET + 8;
    static final int BAR_SYMBOL_OFFSET = START_MILLIS_OFFSET + 8;
    /** AGGREGATE_BAR: minute count (int) and partial (int) after the bar's fields. */
    static final int MINUTE_COUNT_OFFSET = BAR_SYMBOL_OFFSET;
    static final int PARTIAL_OFFSET = MINUTE_COUNT_OFFSET + 4;
    static final int AGGREGATE_SYMBOL_OFFSET = PARTIAL_OFFSET + 4;

    // QUOTE body: bid, ask, last (doubles), bid size, ask size, last size, total volume, quote and trade time (longs).
    static final int BID_OFFSET = RESULT_HEADER_LENGTH;
    static final int ASK_OFFSET = BID_OFFSET + 8;
    static final int LAST_OFFSET = ASK_OFFSET + 8;
    static final int BID_SIZE_OFFSET = LAST_OFFSET + 8;
    static final int ASK_SIZE_OFFSET = BID_SIZE_OFFSET + 8;
    static final int LAST_SIZE_OFFSET = ASK_SIZE_OFFSET + 8;
    static final int TOTAL_VOLUME_OFFSET = LAST_SIZE_OFFSET + 8;
    static final int QUOTE_TIME_OFFSET = TOTAL_VOLUME_OFFSET + 8;
    static final int TRADE_TIME_OFFSET = QUOTE_TIME_OFFSET + 8;
    static final int QUOTE_SYMBOL_OFFSET = TRADE_TIME_OFFSET + 8;

    // TRADE body: time (long), price (double), size, trade sequence, session volume (longs), vwap (double), count.
    static final int T_TIME_OFFSET = RESULT_HEADER_LENGTH;
    static final int T_PRICE_OFFSET = T_TIME_OFFSET + 8;
    static final int T_SIZE_OFFSET = T_PRICE_OFFSET + 8;
    static final int T_SEQUENCE_OFFSET = T_SIZE_OFFSET + 8;
    static final int T_SESSION_VOLUME_OFFSET = T_SEQUENCE_OFFSET + 8;
    static final int T_VWAP_OFFSET = T_SESSION_VOLUME_OFFSET + 8;
    static final int T_COUNT_OFFSET = T_VWAP_OFFSET + 8;
    static final int TRADE_SYMBOL_OFFSET = T_COUNT_OFFSET + 8;

    // BOOK body: time (long), bid levels, ask levels (ints), then each bid's and each ask's price (double) and size
    // (long), then the symbol.
    static final int B_TIME_OFFSET = RESULT_HEADER_LENGTH;
    static final int B_BID_LEVELS_OFFSET = B_TIME_OFFSET + 8;
    static final int B_ASK_LEVELS_OFFSET = B_BID_LEVELS_OFFSET + 4;
    static final int B_LEVELS_OFFSET = B_ASK_LEVELS_OFFSET + 4;
    static final int LEVEL_LENGTH = 16;

    // NEWS body: time (long), the symbol, then id, headline and source: each an int byte length (-1: null) and UTF-8.
    static final int N_TIME_OFFSET = RESULT_HEADER_LENGTH;
    static final int NEWS_SYMBOL_OFFSET = N_TIME_OFFSET + 8;

    // CUSTOM body: the value count (int), the values (doubles), then the symbol; the result's kind is in the header.
    static final int C_COUNT_OFFSET = RESULT_HEADER_LENGTH;
    static final int C_VALUES_OFFSET = C_COUNT_OFFSET + 4;

    /** The offset of a CUSTOM frame's symbol, after its {@code count} values. */
    static int customSymbolOffset(final int count)
    {
        return C_VALUES_OFFSET + 8 * count;
    }

    // ERROR and STATUS bodies: code, dropped count, first and last dropped, then symbol and text.
    static final int CODE_OFFSET = RESULT_HEADER_LENGTH;
    static final int DROPPED_OFFSET = CODE_OFFSET + 8;
    static final int FIRST_DROPPED_OFFSET = DROPPED_OFFSET + 8;
    static final int LAST_DROPPED_OFFSET = FIRST_DROPPED_OFFSET + 8;
    static final int NOTE_SYMBOL_OFFSET = LAST_DROPPED_OFFSET + 8;

    /** Text longer than this is cut (as core cuts statuses at 1024 chars). */
    static final int MAX_TEXT_CHARS = 1024;
    /** The longest symbol core accepts is far shorter; a byte length prefix is enough. */
    static final int MAX_SYMBOL_LENGTH = 255;

    private ClusterWire()
    {
    }

    /** Writes {@code symbol} (ASCII, or empty for null) with a one-byte length; returns the bytes written. */
    static int putSymbol(final MutableDirectBuffer buffer, final int offset, final String symbol)
    {
        if (symbol == null)
        {
            buffer.putByte(offset, (byte)0);
            return 1;
        }
        final int length = Math.min(symbol.length(), MAX_SYMBOL_LENGTH);
        buffer.putByte(offset, (byte)length);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + 1 + i, (byte)symbol.charAt(i));
        }
        return 1 + length;
    }

    /** The length in bytes of the symbol at {@code offset}, its prefix included. */
    static int symbolFieldLength(final DirectBuffer buffer, final int offset)
    {
        return 1 + (buffer.getByte(offset) & 0xFF);
    }

    /** The longest encoding of {@code text} (cut at {@link #MAX_TEXT_CHARS}) as UTF-8. */
    static int maxTextLength(final CharSequence text)
    {
        return text == null ? 0 : 3 * Math.min(text.length(), MAX_TEXT_CHARS);
    }

    /**
     * Writes {@code text} (cut at {@link #MAX_TEXT_CHARS} chars) as UTF-8, each surrogate on its own (CESU-8, as Java's
     * modified UTF-8); returns the bytes written.
     */
    static int putText(final MutableDirectBuffer buffer, final int offset, final CharSequence text)
    {
        if (text == null)
        {
            return 0;
        }
        final int chars = Math.min(text.length(), MAX_TEXT_CHARS);
        int at = offset;
        for (int i = 0; i < chars; i++)
        {
            // One char per code unit, at most three bytes: a surrogate (half of a character outside the BMP, an emoji in
            // a headline) is written as it is, as Java's modified UTF-8 does, and read back as the same char.
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(at++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(at++, (byte)(0xC0 | c >> 6));
                buffer.putByte(at++, (byte)(0x80 | c & 0x3F));
            }
            else
            {
                buffer.putByte(at++, (byte)(0xE0 | c >> 12));
                buffer.putByte(at++, (byte)(0x80 | c >> 6 & 0x3F));
                buffer.putByte(at++, (byte)(0x80 | c & 0x3F));
            }
        }
        return at - offset;
    }

    /** The offset of a result frame's symbol field, by its type. */
    static int symbolOffset(final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case R_BAR:
                return offset + BAR_SYMBOL_OFFSET;
            case R_AGGREGATE_BAR:
                return offset + AGGREGATE_SYMBOL_OFFSET;
            case R_QUOTE:
                return offset + QUOTE_SYMBOL_OFFSET;
            case R_TRADE:
                return offset + TRADE_SYMBOL_OFFSET;
            case R_BOOK:
                return offset + B_LEVELS_OFFSET + LEVEL_LENGTH *
                    (buffer.getInt(offset + B_BID_LEVELS_OFFSET) + buffer.getInt(offset + B_ASK_LEVELS_OFFSET));
            case R_NEWS:
                return offset + NEWS_SYMBOL_OFFSET;
            case R_CUSTOM:
                return offset + customSymbolOffset(buffer.getInt(offset + C_COUNT_OFFSET));
            default:
                return offset + NOTE_SYMBOL_OFFSET;
        }
    }

    /** Writes {@code text} with an int byte length before it (-1 for null); returns the bytes written. */
    static int putSizedText(final MutableDirectBuffer buffer, final int offset, final CharSequence text)
    {
        final int length = text == null ? -1 : putText(buffer, offset + 4, text);
        buffer.putInt(offset, length);
        return 4 + Math.max(0, length);
    }

    /** Reads what {@link #putSizedText} wrote into {@code text}; returns the bytes read, or their negation if null. */
    static int getSizedText(final DirectBuffer buffer, final int offset, final StringBuilder text)
    {
        final int length = buffer.getInt(offset);
        if (length < 0)
        {
            text.setLength(0);
            return -4;
        }
        getText(buffer, offset + 4, offset + 4 + length, text);
        return 4 + length;
    }

    /** Decodes UTF-8 written by {@link #putText} into {@code text} (cleared first); allocates only to grow it. */
    static void getText(final DirectBuffer buffer, final int offset, final int end, final StringBuilder text)
    {
        text.setLength(0);
        int at = offset;
        while (at < end)
        {
            final int b = buffer.getByte(at++) & 0xFF;
            if (b < 0x80)
            {
                text.append((char)b);
            }
            else if (b < 0xE0)
            {
                text.append((char)((b & 0x1F) << 6 | buffer.getByte(at++) & 0x3F));
            }
            else
            {
                final int b1 = buffer.getByte(at++) & 0x3F;
                final int b2 = buffer.getByte(at++) & 0x3F;
                text.append((char)((b & 0x0F) << 12 | b1 << 6 | b2));
            }
        }
    }
}
