package io.ringstreamer.demo;

import io.ringstreamer.Pipeline;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.source.FileStreamer;

import java.nio.file.Path;

/**
 * The README's code example, compiled and run by the build, so it cannot rot: {@code DemoTest}
 * checks that the README holds it verbatim ({@code shouldKeepTheReadmeExampleIdenticalToTheCompiledOne})
 * and runs it ({@code shouldRunTheReadmeExampleOnAFile}).
 */
public final class QuickStart
{
    private QuickStart()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        run(Path.of(args[0]));
    }

    static void run(final Path jsonLines) throws InterruptedException
    {
        // tag::example[]
        ResultListener listener = new ResultListener()
        {
            @Override
            public void onBar(BarView bar) // one pipeline thread; the view is valid during the call
            {
                System.out.println(bar.symbol() + " close=" + bar.close() + " volume=" + bar.volume());
            }

            @Override
            public void onError(ErrorView error)
            {
                System.out.println(error.kind() + ": " + error.message());
            }
        };

        try (Pipeline pipeline = Pipeline.builder()
            .symbols("AAPL", "AMZN")
            .streamer(new FileStreamer(jsonLines, FileStreamer.AtEnd.END))
            .listener(listener)
            .build()
            .start())
        {
            pipeline.awaitTermination(); // the file's end ends the stream
        }
        // end::example[]
    }
}
