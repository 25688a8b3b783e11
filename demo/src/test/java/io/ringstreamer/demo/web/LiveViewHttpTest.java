package io.ringstreamer.demo.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live page over plain HTTP, no browser: the demo as a child process with {@code --web 0} serves
 * the page, ECharts from its WebJar, a stream of frames at {@code /events}, and the pipeline's meters
 * in the Prometheus text format at {@code /metrics}; on 127.0.0.1 only.
 */
@Timeout(120)
class LiveViewHttpTest
{
    private static final Pattern RECEIVED =
        Pattern.compile("(?m)^ringstreamer_messages_received_total\\{pipeline=\"ring-streamer\"} ([0-9.E]+)$");

    @Test
    void shouldServeThePageTheChartsTheEventsAndPrometheusMetrics() throws Exception
    {
        try (DemoProcess demo = new DemoProcess("--synthetic", "5:500:12s", "--quiet", "--web", "0"))
        {
            final URI page = demo.awaitWeb();
            assertEquals("127.0.0.1", page.getHost(), "loopback by default");
            final HttpClient http = HttpClient.newHttpClient();

            final HttpResponse<String> index = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("<script src=\"/echarts.min.js\">"), index.body());

            final HttpResponse<byte[]> echarts = http.send(HttpRequest.newBuilder(page.resolve("/echarts.min.js")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, echarts.statusCode());
            assertTrue(new String(echarts.body(), 0, 2000, StandardCharsets.UTF_8).contains("echarts"), "the WebJar's script");

            assertEquals(404, http.send(HttpRequest.newBuilder(page.resolve("/nothing")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

            final HttpResponse<InputStream> events = http.send(
                HttpRequest.newBuilder(page.resolve("/events?symbol=SYM-NOT-THERE")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, events.statusCode());
            assertTrue(events.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8)))
            {
                String line = lines.readLine();
                while (line != null && !line.startsWith("data: "))
                {
                    line = lines.readLine();
                }
                assertTrue(line != null && line.contains("\"init\":{\"symbols\":[\"AAPL\",\"MSFT\",\"AMZN\",\"NVDA\",\"GOOGL\"]," +
                    "\"selected\":\"AAPL\",\"aggregateMinutes\":5}"), "the first frame, an unknown symbol falls back to the first: " + line);
            }

            final HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(page.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            final Matcher received = RECEIVED.matcher(metrics.body());
            assertTrue(received.find(), metrics.body());
            assertTrue(Double.parseDouble(received.group(1)) >= 0);
            for (final String line : new String[] {
                "ringstreamer_errors_total{kind=\"MessagesDropped\",pipeline=\"ring-streamer\"} 0.0",
                "ringstreamer_statuses_total{kind=\"Reconnecting\",pipeline=\"ring-streamer\"} 0.0",
                "ringstreamer_messages_dropped_total{pipeline=\"ring-streamer\"} 0.0",
                "# TYPE ringstreamer_inbound_backlog_messages gauge"})
            {
                assertTrue(metrics.body().contains(line), line + " in " + metrics.body());
            }
            assertEquals(0, demo.awaitExit(90), String.valueOf(demo.stderr()));
        }
    }
}
