package io.ringstreamer.shard;

import io.ringstreamer.format.Service;
import io.ringstreamer.worker.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Builds a symbol's {@link SymbolWorker} from the pipeline's component factories (symbol to component;
 * a copy of the builder's, taken once). Used by the building thread for the initial symbols and by the
 * owning shard for a symbol subscribed at run time, so the factories may be called from several
 * threads (one call at a time per shard). Allocates: called when a symbol is subscribed, never per message.
 */
public final class WorkerFactory
{
    private final Map<Service, List<Function<String, ? extends Component>>> components = new EnumMap<>(Service.class);

    public WorkerFactory(final Map<Service, List<Function<String, ? extends Component>>> components)
    {
        components.forEach((service, suppliers) -> this.components.put(service, List.copyOf(suppliers)));
    }

    /**
     * A worker for {@code symbol} with a fresh component from every factory, in order; a factory that
     * returns {@code null} gives that symbol no component.
     *
     * @param onFailure told of a factory that threw (that component is left out); {@code null} rethrows.
     */
    public SymbolWorker create(final String symbol, final int symbolId, final BiConsumer<Service, RuntimeException> onFailure)
    {
        final SymbolWorker worker = new SymbolWorker(symbol, symbolId);
        for (final Map.Entry<Service, List<Function<String, ? extends Component>>> entry : components.entrySet())
        {
            for (final Function<String, ? extends Component> perSymbol : entry.getValue())
            {
                final Component component;
                try
                {
                    component = perSymbol.apply(symbol);
                }
                catch (final RuntimeException ex)
                {
                    if (onFailure == null)
                    {
                        throw ex;
                    }
                    onFailure.accept(entry.getKey(), ex);
                    continue;
                }
                if (component != null)
                {
                    worker.add(entry.getKey(), component);
                }
            }
        }
        return worker;
    }
}
