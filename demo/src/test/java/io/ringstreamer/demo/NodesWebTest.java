package io.ringstreamer.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --nodes 2 --web 0}: the live page of a local cluster, served by the administrator's process; its first
 * frames carry the symbols' rows from the workers' results. The demo runs in this JVM, its workers as child JVMs.
 */
@Timeout(180)
class NodesWebTest
{
    /** A row of the symbols table whose last close is a number: a bar came back from a worker. */
    private static final Pattern ROW_WITH_A_BAR = Pattern.compile("\\[\"[^\"]+\",[0-9]");
    private static final Pattern WEB = Pattern.compile("web: (http://127\\.0\\.0\\.1:[0-9]+/)");

    @Test
    void shouldServeTheLivePageOfTheAdministratorsResultsWhenRunOnTwoNodes() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(); // synchronised: read while written
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int[] status = {-1};
        final Thread demo = new Thread(() -> status[0] = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).run(
                new String[] {"--nodes", "2", "--web", "0", "--synthetic", "5:200:15s"}, false), "demo");
        demo.start();
        URI page = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (page == null && demo.isAlive() && System.nanoTime() < deadline)
        {
            final Matcher web = WEB.matcher(err.toString(StandardCharsets.UTF_8));
            if (web.find())
            {
                page = URI.create(web.group(1));
            }
            LockSupport.parkNanos(5_000_000); // polls the output
        }
        assertTrue(page != null, "no web: line: " + err);

        final HttpClient http = HttpClient.newHttpClient();
        final HttpResponse<String> index = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode());
        final HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(page.resolve("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, events.statusCode());
        String rows = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null && rows == null; line = lines.readLine())
            {
                if (line.startsWith("data: ") && line.contains("\"rows\"") && ROW_WITH_A_BAR.matcher(line).find())
                {
                    rows = line; // a frame with a symbol's last bar: results came back from the workers
                }
            }
        }
        assertTrue(rows != null, "a frame with rows");

        demo.join(TimeUnit.SECONDS.toMillis(120));
        assertEquals(0, status[0], String.valueOf(err));
        assertTrue(err.toString(StandardCharsets.UTF_8).matches("(?s).*web: [0-9]+ frames sent, [0-9]+ skipped for slow pages.*"),
            String.valueOf(err));
    }

    @Test
    void shouldRefuseTheLivePageWhenOneRoleIsRunAlone()
    {
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--role", "admin", "--workers", "2", "--admin", "127.0.0.1:40123",
                "--web", "0"}));
        assertEquals("--web goes with --nodes (the administrator here), not with --role yet", thrown.getMessage());
    }
}
