package io.ringstreamer.journal;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.result.StreamError;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged journals on disk (excerpts of ten records, as the pipeline's batches write them): a flipped byte, a torn
 * last record, a data file cut short, random or empty
 * data files, a symbolic link in the folder. Reading, exporting and replaying deliver only whole,
 * verified messages, stop at the first damaged record and say where; nothing escapes as an
 * {@code InternalError} or an unchecked exception.
 */
@Timeout(120)
class JournalDamageTest
{
    private static final List<String> SYMBOLS = SyntheticBars.symbols(4);
    private static final List<byte[]> MESSAGES = SyntheticBars.messages(SYMBOLS, 2, 100, 5);
    private static final int DAMAGED = 42;
    private static final int BATCH = 10;

    @TempDir
    Path dir;

    private Path record() throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        try (ChronicleJournal journal = new ChronicleJournal(journalDir))
        {
            journal.onStart();
            for (int i = 0; i < MESSAGES.size(); i++)
            {
                final byte[] message = MESSAGES.get(i);
                journal.append(message, 0, message.length, i, System.nanoTime());
                if (i % BATCH == BATCH - 1)
                {
                    journal.flush(); // the pipeline's batches: BATCH records an excerpt
                }
            }
            journal.onEndOfStream();
        }
        return journalDir;
    }

    private static Path dataFile(final Path journalDir)
    {
        final List<Path> files = ChronicleJournal.dataFiles(journalDir);
        assertEquals(1, files.size(), files::toString);
        return files.get(0);
    }

    /** Where message {@code index}'s bytes start in the data file. */
    private static long offsetOf(final Path file, final int index) throws IOException
    {
        final byte[] data = Files.readAllBytes(file);
        final byte[] message = MESSAGES.get(index);
        outer:
        for (int i = 0; i <= data.length - message.length; i++)
        {
            for (int j = 0; j < message.length; j++)
            {
                if (data[i + j] != message[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("message " + index + " not found in " + file);
    }

    private static void write(final Path file, final long position, final byte[] bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(bytes), position);
        }
    }

    private static void truncate(final Path file, final long size) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(size);
        }
    }

    private static void readAll(final Path journalDir, final List<String> into) throws IOException
    {
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            while (reader.next())
            {
                into.add(reader.record().text());
            }
        }
    }

    private static List<String> messages(final int count)
    {
        return MESSAGES.subList(0, count).stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }

    /** Reads the journal: the first {@code whole} messages, then a report naming the data file and the record. */
    private static void assertStopsAt(final Path journalDir, final Path file, final int whole) throws IOException
    {
        assertStopsWithin(journalDir, file, whole, whole);
    }

    /**
     * Reads the journal: from {@code least} to {@code most} whole messages, the first ones in order, then a report
     * naming the data file and the record where it stopped.
     */
    private static void assertStopsWithin(final Path journalDir, final Path file, final int least, final int most)
        throws IOException
    {
        final List<String> read = new ArrayList<>();
        final IOException damage = assertThrows(IOException.class, () -> readAll(journalDir, read));
        assertTrue(read.size() >= least && read.size() <= most, "read " + read.size());
        assertEquals(messages(read.size()), read, "only whole, verified messages");
        assertTrue(damage.getMessage().contains(file.getFileName().toString()), damage.getMessage());
        assertTrue(damage.getMessage().contains("record " + read.size()), damage.getMessage());
    }

    @Test
    void shouldReadEveryMessageWhenTheJournalIsWhole() throws Exception
    {
        final List<String> read = new ArrayList<>();
        readAll(record(), read);
        assertEquals(messages(MESSAGES.size()), read);
    }

    @Test
    void shouldStopAtTheRecordAndSayWhereWhenAByteOfAMessageIsFlipped() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        final long at = offsetOf(file, DAMAGED) + 30;
        final byte[] original = new byte[1];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            channel.read(ByteBuffer.wrap(original), at);
        }
        write(file, at, new byte[] {(byte)(original[0] ^ 0x04)});

        assertStopsAt(journalDir, file, DAMAGED);
    }

    @Test
    void shouldStopAtTheLastRecordWhenItIsTornIntoZeros() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        final int last = MESSAGES.size() - 1;
        final int length = MESSAGES.get(last).length;
        write(file, offsetOf(file, last) + length / 2, new byte[length - length / 2]); // a page never written back

        assertStopsAt(journalDir, file, last);
    }

    @Test
    void shouldStopCleanlyWhenTheDataFileIsCutShortInARecord() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        truncate(file, offsetOf(file, DAMAGED) + 20);

        // Every excerpt before the cut is read; of the one it cuts, what lies before the cut may be (Chronicle hands
        // out what the file still holds of it).
        assertStopsWithin(journalDir, file, DAMAGED / BATCH * BATCH, DAMAGED);
    }

    @Test
    void shouldReportADamagedJournalWhenTheDataFileIsRandomBytes() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        final byte[] random = new byte[256 * 1024];
        new SplittableRandom(13).nextBytes(random);
        truncate(file, 0);
        write(file, 0, random);

        final List<String> read = new ArrayList<>();
        final IOException damage = assertThrows(IOException.class, () -> readAll(journalDir, read));
        assertEquals(List.of(), read);
        assertTrue(damage.getMessage().contains(file.getFileName().toString()), damage.getMessage());
    }

    @Test
    void shouldReportADamagedJournalWhenTheDataFileIsEmpty() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        truncate(file, 0);

        final List<String> read = new ArrayList<>();
        final IOException damage = assertThrows(IOException.class, () -> readAll(journalDir, read));
        assertEquals(List.of(), read);
        assertTrue(damage.getMessage().contains(file.getFileName().toString()), damage.getMessage());
    }

    @Test
    void shouldRefuseAJournalFolderWhenItHoldsASymbolicLink() throws Exception
    {
        final Path journalDir = record();
        final Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not the journal's");
        Files.createSymbolicLink(journalDir.resolve("link.cq4"), elsewhere);

        final IOException refused = assertThrows(IOException.class, () -> readAll(journalDir, new ArrayList<>()));
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
        assertThrows(RuntimeException.class, () -> new ChronicleJournal(journalDir).close(), "not recorded into either");
        assertEquals("not the journal's", Files.readString(elsewhere));
    }

    @Test
    void shouldExportTheWholeMessagesBeforeReportingWhenARecordIsDamaged() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        write(file, offsetOf(file, DAMAGED) + 30, new byte[] {'#'});
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        final IOException damage = assertThrows(IOException.class, () -> JournalExporter.export(journalDir, out));

        assertEquals(messages(DAMAGED), out.toString(StandardCharsets.UTF_8).lines().toList(), "flushed before the report");
        assertTrue(damage.getMessage().contains("record " + DAMAGED), damage.getMessage());
    }

    @Test
    void shouldLeaveTheOutputFileAloneWhenThereIsNoJournal() throws Exception
    {
        final Path out = Files.writeString(dir.resolve("kept.jsonl"), "precious\n");

        assertThrows(IOException.class, () -> JournalExporter.export(dir.resolve("nothing-here"), out));

        assertEquals("precious\n", Files.readString(out));
    }

    @Test
    void shouldReplayOnlyTheWholeMessagesAndEndWithTheDamageWhenARecordIsDamaged() throws Exception
    {
        final Path journalDir = record();
        final Path file = dataFile(journalDir);
        write(file, offsetOf(file, DAMAGED) + 30, new byte[] {'#'});
        final CollectingListener listener = new CollectingListener();

        try (Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(2)
            .streamer(new JournalReplayStreamer(journalDir, JournalReplayStreamer.MAX_SPEED))
            .listener(listener).build().start())
        {
            assertTrue(pipeline.awaitTermination(60, TimeUnit.SECONDS));
            assertEquals(DAMAGED, pipeline.metrics().snapshot().processed());
        }

        assertEquals(DAMAGED * 2, listener.barCount(), "two bars a message, none from the damaged one or after it");
        assertEquals(1, listener.errors.size(), listener.errors::toString);
        final StreamError error = listener.errors.get(0);
        assertEquals(ErrorKind.CONNECTION_ERROR, error.kind());
        assertTrue(error.message().contains(file.getFileName().toString()) && error.message().contains("record " + DAMAGED),
            error.message());
    }
}
