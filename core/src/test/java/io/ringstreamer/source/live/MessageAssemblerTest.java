package io.ringstreamer.source.live;

import io.ringstreamer.result.ErrorKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How frames become whole server messages for the protocol, and what is discarded and reported on the way. */
class MessageAssemblerTest
{
    private final MessageAssembler assembler = new MessageAssembler(20, 4);
    private final RecordingPublisher out = new RecordingPublisher();

    private String message()
    {
        return new String(Arrays.copyOf(assembler.bytes(), assembler.length()), StandardCharsets.UTF_8);
    }

    @Test
    void shouldJoinFragmentsIntoOneUtf8MessageWhenTheLastFrameArrives()
    {
        assertEquals(MessageAssembler.NOTHING, assembler.onText("[{\"a\":", false, out));
        assertEquals(MessageAssembler.NOTHING, assembler.onText("\"caf\u00e9", false, out));
        assertEquals(MessageAssembler.MESSAGE, assembler.onText("\"}]", true, out));
        assertEquals("[{\"a\":\"caf\u00e9\"}]", message());
        assertEquals(MessageAssembler.MESSAGE, assembler.onText("[]", true, out));
        assertEquals("[]", message(), "the next message starts clean");
        assertEquals(0, out.items.size());
    }

    @Test
    void shouldDiscardAMessageAtTheLimitAndSkipTheRestOfItsFramesWhenItGrowsTooLong()
    {
        assertEquals(MessageAssembler.NOTHING, assembler.onText("0123456789", false, out));
        assertEquals(MessageAssembler.NOTHING, assembler.onText("0123456789X", false, out));
        assertEquals(MessageAssembler.NOTHING, assembler.onText("rest", false, out));
        assertEquals(MessageAssembler.NOTHING, assembler.onText("end", true, out));
        assertEquals(MessageAssembler.MESSAGE, assembler.onText("[1]", true, out));
        assertEquals("[1]", message());
        assertEquals(1, assembler.discardedMessages());
        assertEquals(ErrorKind.MESSAGE_TOO_LARGE, out.items.get(0).error());
        assertEquals("discarded a server message longer than the limit of 20 chars (21 chars so far; the rest of it is skipped)",
            out.items.get(0).message());
    }

    @Test
    void shouldReportAPartialMessageWhenItsConnectionEndsBeforeTheLastFrame()
    {
        assertEquals(0, assembler.discardPartial(out), "nothing to discard");
        assembler.onText("[{\"a\":", false, out);
        assembler.discardPartial(out);
        assertEquals(1, assembler.discardedMessages());
        assertEquals("discarded a partial server message of 6 chars: the connection ended before its last frame",
            out.items.get(0).message());
        assertEquals(MessageAssembler.MESSAGE, assembler.onText("[]", true, out));
        assertEquals("[]", message());
    }

    @Test
    void shouldCountAndReportABinaryMessageWhenItsLastFrameArrives()
    {
        assembler.onBinary(3, false, out);
        assembler.onBinary(4, true, out);
        assertEquals(1, assembler.binaryMessages());
        assertEquals("untranslated server message: a binary message of 7 bytes (1 so far)", out.items.get(0).message());
    }
}
