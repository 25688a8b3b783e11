package io.ringstreamer;

import java.util.List;

/**
 * What a bounded close or wait left: returned by {@link Pipeline#close(java.time.Duration)} and
 * {@link Pipeline#awaitTermination(java.time.Duration)}.
 *
 * @param terminated     whether the stream ended, everything accepted was delivered, and every thread ended.
 * @param inFlight       messages accepted but neither processed nor rejected nor abandoned yet.
 * @param spillBacklog   records still in the spill store.
 * @param abandoned      spilled messages discarded unprocessed because the close deadline passed.
 * @param runningThreads the pipeline's threads still alive (for example one stuck in a listener).
 */
public record CloseReport(
    boolean terminated, long inFlight, long spillBacklog, long abandoned, List<String> runningThreads)
{
    @Override
    public String toString()
    {
        return terminated ?
            "terminated (abandoned=" + abandoned + ")" :
            "not terminated: inFlight=" + inFlight + " spillBacklog=" + spillBacklog + " abandoned=" + abandoned +
                " running=" + runningThreads;
    }
}
