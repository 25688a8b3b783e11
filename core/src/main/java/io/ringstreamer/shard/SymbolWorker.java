package io.ringstreamer.shard;

import io.ringstreamer.format.Service;
import io.ringstreamer.worker.BookState;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.LevelOneState;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.LevelTwoBook;

import java.util.Arrays;

/**
 * One subscribed symbol's state: the {@link Component}s it runs for each service, in order (the
 * original's composite worker: plain objects, not threads).
 *
 * <p>Built before the pipeline starts, or by the owning shard when the symbol is subscribed while the
 * pipeline runs; used only by the shard thread that owns the symbol.
 */
public final class SymbolWorker
{
    private static final Component[] NONE = new Component[0];

    private final String symbol;
    private final int symbolId;
    private final Component[][] components = new Component[Service.values().length][];
    private final int[][] failures = new int[Service.values().length][];
    private final boolean[][] quarantined = new boolean[Service.values().length][];
    private LevelOneState levelOne = LevelOneState.NONE;
    private BookState book = BookState.NONE;

    public SymbolWorker(final String symbol, final int symbolId)
    {
        this.symbol = symbol;
        this.symbolId = symbolId;
        Arrays.fill(components, NONE);
        for (int i = 0; i < failures.length; i++)
        {
            failures[i] = new int[0];
            quarantined[i] = new boolean[0];
        }
    }

    /** The symbol, as subscribed. */
    public String symbol()
    {
        return symbol;
    }

    /** The symbol's small integer id (its number in subscription order; kept if it is subscribed again). */
    public int symbolId()
    {
        return symbolId;
    }

    /** Adds a component for {@code service}, run after those added before it. */
    public SymbolWorker add(final Service service, final Component component)
    {
        final Component[] current = components[service.ordinal()];
        final Component[] more = Arrays.copyOf(current, current.length + 1);
        more[current.length] = component;
        components[service.ordinal()] = more;
        failures[service.ordinal()] = new int[more.length];
        quarantined[service.ordinal()] = new boolean[more.length];
        if (component instanceof LevelOneQuotes && levelOne == LevelOneState.NONE)
        {
            levelOne = (LevelOneQuotes)component;
        }
        if (component instanceof LevelTwoBook && book == BookState.NONE)
        {
            book = (LevelTwoBook)component;
        }
        return this;
    }

    /** Counts one more failure of component {@code index} of {@code service}. @return its failures so far. */
    public int recordFailure(final Service service, final int index)
    {
        return ++failures[service.ordinal()][index];
    }

    /** Stops calling component {@code index} of {@code service} for this symbol. */
    public void quarantine(final Service service, final int index)
    {
        quarantined[service.ordinal()][index] = true;
    }

    /** Whether component {@code index} of {@code service} has been quarantined. */
    public boolean isQuarantined(final Service service, final int index)
    {
        return quarantined[service.ordinal()][index];
    }

    /** The symbol's Level 1 state: its first {@link LevelOneQuotes} component, or {@link LevelOneState#NONE}. */
    public LevelOneState levelOne()
    {
        return levelOne;
    }

    /** The symbol's book: its first {@link LevelTwoBook} component, or {@link BookState#NONE}. */
    public BookState book()
    {
        return book;
    }

    /** The components for {@code service}, in order; empty if the worker ignores that service. */
    public Component[] components(final Service service)
    {
        return components[service.ordinal()];
    }
}
