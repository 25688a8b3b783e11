package io.ringstreamer.shard;

import io.ringstreamer.format.Service;
import io.ringstreamer.worker.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Builds a symbol's {@link SymbolWorker} from the pipeline's component suppliers (a copy of the
 * builder's, taken once). Used by the building thread for the initial symbols and by the owning shard
 * for a symbol subscribed at run time, so the suppliers may be called from several threads (one call
 * at a time per shard). Allocates: called when a symbol is subscribed, never per message.
 */
public final class WorkerFactory
{
    private final Map<Service, List<Supplier<? extends Component>>> components = new EnumMap<>(Service.class);

    public WorkerFactory(final Map<Service, List<Supplier<? extends Component>>> components)
    {
        components.forEach((service, suppliers) -> this.components.put(service, List.copyOf(suppliers)));
    }

    /**
     * A worker for {@code symbol} with a fresh component from every supplier, in order.
     *
     * @param onFailure told of a supplier that threw (that component is left out); {@code null} rethrows.
     */
    public SymbolWorker create(final String symbol, final int symbolId, final BiConsumer<Service, RuntimeException> onFailure)
    {
        final SymbolWorker worker = new SymbolWorker(symbol, symbolId);
        for (final Map.Entry<Service, List<Supplier<? extends Component>>> entry : components.entrySet())
        {
            for (final Supplier<? extends Component> perSymbol : entry.getValue())
            {
                final Component component;
                try
                {
                    component = perSymbol.get();
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
                worker.add(entry.getKey(), component);
            }
        }
        return worker;
    }
}
