package io.ringstreamer;

import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;

/**
 * Run by {@link DisruptorVersionTest} in a child JVM whose class path holds core's classes and an older Disruptor:
 * builds a pipeline and prints what {@code build()} threw (its class and message), or {@code built}.
 */
public final class OlderDisruptorMain
{
    private OlderDisruptorMain()
    {
    }

    public static void main(final String[] args)
    {
        try
        {
            Pipeline.builder()
                .symbols("AAPL")
                .streamer(publisher ->
                {
                })
                .listener(new ResultListener()
                {
                    @Override
                    public void onBar(final BarView bar)
                    {
                    }

                    @Override
                    public void onError(final ErrorView error)
                    {
                    }
                })
                .build()
                .close();
            System.out.println("built");
        }
        catch (final Throwable failure)
        {
            System.out.println(failure.getClass().getName() + ": " + failure.getMessage());
        }
    }
}
