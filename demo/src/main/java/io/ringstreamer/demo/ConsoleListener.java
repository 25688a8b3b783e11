package io.ringstreamer.demo;

import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;

import java.io.PrintStream;

/**
 * Prints every result on one line in the seed's style. Runs on the administrator thread; flushes
 * whenever the stream ends.
 */
public final class ConsoleListener implements ResultListener
{
    private final PrintStream out;
    private final boolean quiet;
    private final StringBuilder line = new StringBuilder(256);

    public ConsoleListener(final PrintStream out, final boolean quiet)
    {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void onBar(final BarView bar)
    {
        if (!quiet)
        {
            line.setLength(0);
            out.println(SeedFormat.bar(bar, line));
        }
    }

    @Override
    public void onError(final ErrorView error)
    {
        if (!quiet)
        {
            line.setLength(0);
            out.println(SeedFormat.error(error, line));
        }
    }

    @Override
    public void onEndOfStream()
    {
        out.flush();
    }
}
