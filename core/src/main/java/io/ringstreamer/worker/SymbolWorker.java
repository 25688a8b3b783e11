package io.ringstreamer.worker;

import io.ringstreamer.format.Service;

/**
 * One subscribed symbol's state: one {@link Component} per service it handles.
 *
 * <p>Created before the pipeline starts (or, later, by its shard); used only by the shard thread that
 * owns the symbol.
 */
public final class SymbolWorker
{
    private final String symbol;
    private final int symbolId;
    private final Component[] components = new Component[Service.values().length];

    public SymbolWorker(final String symbol, final int symbolId)
    {
        this.symbol = symbol;
        this.symbolId = symbolId;
    }

    /** The symbol, as subscribed. */
    public String symbol()
    {
        return symbol;
    }

    /** The symbol's small integer id (its position in the subscription list). */
    public int symbolId()
    {
        return symbolId;
    }

    /** Sets the component for {@code service}, replacing any earlier one. */
    public SymbolWorker component(final Service service, final Component component)
    {
        components[service.ordinal()] = component;
        return this;
    }

    /** The component for {@code service}, or {@code null} if this worker ignores that service. */
    public Component component(final Service service)
    {
        return components[service.ordinal()];
    }
}
