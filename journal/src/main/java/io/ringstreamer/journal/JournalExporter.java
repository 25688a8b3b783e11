package io.ringstreamer.journal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a journal's messages as JSON Lines, for inspection or for {@code FileStreamer}: one message
 * per line, in recorded order, exactly the recorded bytes, each followed by {@code '\n'}.
 *
 * <p>A message holding a line break of its own cannot be one line as it is: each {@code '\n'} or
 * {@code '\r'} in it is written as a space (insignificant whitespace between JSON tokens; inside a
 * JSON string a raw line break was invalid already) and the message is counted in
 * {@link Result#reformatted()}.
 *
 * <p>Only whole, verified messages are written ({@link JournalReader}); at the first damaged record the
 * export stops with a {@link JournalDamagedException} saying where, after flushing every message before it.
 */
public final class JournalExporter
{
    /** What an export wrote. */
    public record Result(long messages, long bytes, long reformatted)
    {
    }

    private JournalExporter()
    {
    }

    /**
     * Exports the journal in {@code directory} to {@code out} (left open, flushed).
     *
     * @throws JournalDamagedException at the first damaged record, once every message before it has been
     *                                 written and flushed.
     */
    public static Result export(final Path directory, final OutputStream out) throws IOException
    {
        try (JournalReader reader = JournalReader.open(directory))
        {
            return export(reader, out);
        }
    }

    /**
     * Exports the journal in {@code directory} to the file {@code jsonLines}, replaced if it exists; the
     * file is not touched unless there is a journal to read.
     *
     * @throws JournalDamagedException at the first damaged record, once every message before it has been
     *                                 written to the file.
     */
    public static Result export(final Path directory, final Path jsonLines) throws IOException
    {
        try (JournalReader reader = JournalReader.open(directory);
             OutputStream out = Files.newOutputStream(jsonLines))
        {
            return export(reader, out);
        }
    }

    private static Result export(final JournalReader reader, final OutputStream out) throws IOException
    {
        final BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        long messages = 0;
        long bytes = 0;
        long reformatted = 0;
        final JournalRecord record = reader.record();
        try
        {
            while (reader.next())
            {
                final byte[] message = record.bytes();
                final int length = record.length();
                boolean replaced = false;
                for (int i = 0; i < length; i++)
                {
                    if (message[i] == '\n' || message[i] == '\r')
                    {
                        message[i] = ' ';
                        replaced = true;
                    }
                }
                buffered.write(message, 0, length);
                buffered.write('\n');
                messages++;
                bytes += length + 1;
                if (replaced)
                {
                    reformatted++;
                }
            }
        }
        finally
        {
            buffered.flush(); // what was read is written before any damage is reported
        }
        return new Result(messages, bytes, reformatted);
    }
}
