package io.ringstreamer.journal;

import io.ringstreamer.JournalThread;
import io.ringstreamer.Pipeline;
import io.ringstreamer.testing.SyntheticBars;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@link KillNineTest}: records an endless stream of bars through one shard into the journal
 * in {@code args[0]} (on the thread {@code args[1]} names, a {@link JournalThread}, or {@code DEFAULT} for
 * {@code Pipeline.Builder.journal(journal)}) and prints {@code journaled J delivered D} to stdout as the counts
 * grow, until it is killed: {@code J} messages recorded, and the results (bars, or errors for bars repeated as the
 * stream cycles) of every message before sequence {@code D} delivered to the listener.
 * Message {@code n} is always {@link #message(long)}, so the parent can check every byte.
 */
public final class JournalChild
{
    static final List<String> SYMBOLS = SyntheticBars.symbols(16);
    private static final List<byte[]> MESSAGES = SyntheticBars.messages(SYMBOLS, 2, 1024, 5);

    private JournalChild()
    {
    }

    static byte[] message(final long sequence)
    {
        return MESSAGES.get((int)(sequence % MESSAGES.size()));
    }

    public static void main(final String[] args) throws Exception
    {
        final ChronicleJournal journal = new ChronicleJournal(Path.of(args[0]));
        final Pipeline.Builder builder = Pipeline.builder().symbols(SYMBOLS).shards(1);
        if (args[1].equals("DEFAULT"))
        {
            builder.journal(journal);
        }
        else
        {
            builder.journal(journal, JournalThread.valueOf(args[1]));
        }
        final Quiet listener = new Quiet();
        final Pipeline pipeline = builder
            .streamer(publisher ->
            {
                for (long n = 0; !publisher.isClosed(); n++)
                {
                    final byte[] message = message(n);
                    publisher.publish(message, 0, message.length);
                }
            })
            .listener(listener)
            .build()
            .start();
        long printed = -1;
        while (!pipeline.isTerminated())
        {
            // Delivered first: every message it counts was delivered, so (if recorded first) recorded, by now.
            final long delivered = listener.delivered;
            final long journaled = pipeline.metrics().journaled();
            if (journaled != printed)
            {
                System.out.println("journaled " + journaled + " delivered " + delivered);
                System.out.flush();
                printed = journaled;
            }
            LockSupport.parkNanos(1_000_000); // a progress line every millisecond at most
        }
    }

    /** Keeps only how far delivery has got. Written by the thread that calls the listener, read by main. */
    private static final class Quiet implements io.ringstreamer.result.ResultListener
    {
        /** One more than the highest inbound sequence a result was delivered for. */
        volatile long delivered;

        @Override
        public void onBar(final io.ringstreamer.result.BarView bar)
        {
            delivered(bar.sequence());
        }

        @Override
        public void onError(final io.ringstreamer.result.ErrorView error)
        {
            delivered(error.sequence());
        }

        private void delivered(final long sequence)
        {
            if (sequence >= delivered)
            {
                delivered = sequence + 1;
            }
        }
    }
}
