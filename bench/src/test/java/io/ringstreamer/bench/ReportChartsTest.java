package io.ringstreamer.bench;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ReportChartsTest
{
    @Test
    void shouldLabelLatencyTicksInTimeUnitsWithinTheAxisRange()
    {
        final ReportCharts.LabelledLogAxis axis = new ReportCharts.LabelledLogAxis("latency", ReportCharts.LATENCY_TICKS);
        axis.setRange(0.5, 2e6);

        assertEquals(List.of("1 µs", "10 µs", "100 µs", "1 ms", "10 ms", "100 ms", "1 s"), labels(axis, RectangleEdge.LEFT));
    }

    @Test
    void shouldLabelPercentileTicksByPercentile()
    {
        final ReportCharts.LabelledLogAxis axis =
            new ReportCharts.LabelledLogAxis("percentile", ReportCharts.PERCENTILE_TICKS);
        axis.setRange(ReportCharts.percentileX(50), ReportCharts.percentileX(99.99));

        assertEquals(List.of("p50", "p90", "p99", "p99.9", "p99.99"), labels(axis, RectangleEdge.BOTTOM));
        assertEquals(1000, ReportCharts.percentileX(99.9), 1e-6);
    }

    @Test
    void shouldDrawBothChartsAsPngs(@TempDir final Path dir) throws Exception
    {
        final Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("ring-streamer @ 50%", new double[] {20, 40, 900, 2_000});
        lines.put("queues @ 90%", new double[] {30, 90, 3_000, 40_000});
        ReportCharts.latency(dir.resolve("latency.png"), new double[] {50, 90, 99, 99.9}, lines,
            Map.of("ring-streamer", Color.RED));
        final Map<String, Map<String, Map<String, Double>>> kinds = Map.of(
            "light", Map.of("ring-streamer", Map.of("1", 1.2e6, "2", 0.6e6), "queues", Map.of("1", 0.4e6)),
            "heavy", Map.of("ring-streamer", Map.of("1", 1e4)));
        ReportCharts.throughput(dir.resolve("throughput.png"), kinds);

        final BufferedImage latency = ImageIO.read(dir.resolve("latency.png").toFile());
        final BufferedImage throughput = ImageIO.read(dir.resolve("throughput.png").toFile());
        assertNotNull(latency);
        assertEquals(1000, latency.getWidth());
        assertEquals(900, throughput.getHeight(), "one 450-pixel chart per kind of work");
    }

    private static List<String> labels(final ReportCharts.LabelledLogAxis axis, final RectangleEdge edge)
    {
        final List<?> ticks = axis.refreshTicks(null, new AxisState(), new Rectangle2D.Double(0, 0, 800, 500), edge);
        return ticks.stream().map(t -> ((NumberTick)t).getText()).toList();
    }
}
