package io.ringstreamer.journal;

import io.ringstreamer.JournalThread;
import io.ringstreamer.Pipeline;
import io.ringstreamer.testing.SyntheticBars;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@link KillNineTest}: records an endless stream of bars into the journal in
 * {@code args[0]} (on the thread {@code args[1]} names, a {@link JournalThread}; default OWN) and prints {@code journaled N} to stdout as the count grows, until it is killed.
 * Message {@code n} is always {@link #message(int)}, so the parent can check every byte.
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
        final JournalThread thread = args.length > 1 ? JournalThread.valueOf(args[1]) : JournalThread.OWN;
        final Pipeline pipeline = Pipeline.builder().symbols(SYMBOLS).shards(1).journal(journal, thread)
            .streamer(publisher ->
            {
                for (long n = 0; !publisher.isClosed(); n++)
                {
                    final byte[] message = message(n);
                    publisher.publish(message, 0, message.length);
                }
            })
            .listener(new Quiet())
            .build()
            .start();
        long printed = -1;
        while (!pipeline.isTerminated())
        {
            final long journaled = pipeline.metrics().journaled();
            if (journaled != printed)
            {
                System.out.println("journaled " + journaled);
                System.out.flush();
                printed = journaled;
            }
            LockSupport.parkNanos(1_000_000); // a progress line every millisecond at most
        }
    }

    /** Keeps nothing: only the journal matters here. */
    private static final class Quiet implements io.ringstreamer.result.ResultListener
    {
        @Override
        public void onBar(final io.ringstreamer.result.BarView bar)
        {
        }

        @Override
        public void onError(final io.ringstreamer.result.ErrorView error)
        {
        }
    }
}
