package io.ringstreamer.shard;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.Headlines;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.LevelTwoBook;
import io.ringstreamer.worker.NMinuteBars;
import io.ringstreamer.worker.OneMinuteBars;
import io.ringstreamer.worker.ResultSink;
import io.ringstreamer.worker.TimeAndSales;

/**
 * Hands an entry to a component through a call site per service: each built-in component (final
 * classes) is called directly, after a class check, in its own service's branch, so the JIT can bind
 * and inline it whatever else the feed carries; any other component goes through one shared call.
 * Called on the shard thread.
 */
final class ServiceDispatch
{
    private ServiceDispatch()
    {
    }

    static void onEntry(final Service service, final Component component, final EntryView entry,
                        final ResultSink out)
    {
        switch (service)
        {
            case LEVELONE_EQUITIES:
                if (component instanceof LevelOneQuotes)
                {
                    ((LevelOneQuotes)component).onEntry(entry, out);
                    return;
                }
                break;
            case TIMESALE_EQUITY:
                if (component instanceof TimeAndSales)
                {
                    ((TimeAndSales)component).onEntry(entry, out);
                    return;
                }
                break;
            case BOOK:
                if (component instanceof LevelTwoBook)
                {
                    ((LevelTwoBook)component).onEntry(entry, out);
                    return;
                }
                break;
            case CHART_EQUITY:
                if (component instanceof OneMinuteBars)
                {
                    ((OneMinuteBars)component).onEntry(entry, out);
                    return;
                }
                if (component instanceof NMinuteBars)
                {
                    ((NMinuteBars)component).onEntry(entry, out);
                    return;
                }
                break;
            case NEWS_HEADLINE:
                if (component instanceof Headlines)
                {
                    ((Headlines)component).onEntry(entry, out);
                    return;
                }
                break;
            default:
                break;
        }
        component.onEntry(entry, out);
    }
}
