package io.ringstreamer.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's two pictures: latency by percentile (log-log, ticks that read "p99.9" and "1 ms") and
 * throughput per design and shard count (bars). Drawn with JFreeChart, headless.
 */
final class ReportCharts
{
    /** A tick: where it is on its axis and what it reads. */
    record Tick(double value, String label)
    {
    }

    /** Latency ticks, in microseconds: 100 ns up to 100 s, a decade apart. */
    static final List<Tick> LATENCY_TICKS = List.of(
        new Tick(0.1, "100 ns"), new Tick(1, "1 µs"), new Tick(10, "10 µs"), new Tick(100, "100 µs"),
        new Tick(1e3, "1 ms"), new Tick(1e4, "10 ms"), new Tick(1e5, "100 ms"), new Tick(1e6, "1 s"),
        new Tick(1e7, "10 s"), new Tick(1e8, "100 s"));

    /** Percentile ticks, placed at 1 / (1 - p) so that each extra nine is one step. */
    static final List<Tick> PERCENTILE_TICKS = List.of(
        new Tick(percentileX(50), "p50"), new Tick(percentileX(90), "p90"), new Tick(percentileX(99), "p99"),
        new Tick(percentileX(99.9), "p99.9"), new Tick(percentileX(99.99), "p99.99"),
        new Tick(percentileX(99.999), "p99.999"));

    /** A bar's colour by shard count: 1, 2, 4, 8 (then round again). */
    private static final Color[] SHARD_COLOURS = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD)};

    private ReportCharts()
    {
    }

    /** Where percentile {@code p} (50 for the median) lies on the percentile axis. */
    static double percentileX(final double p)
    {
        return 1 / (1 - p / 100);
    }

    /** The ticks of {@code ticks} that lie within {@code [lower, upper]} (a little slack for rounding). */
    static List<Tick> within(final List<Tick> ticks, final double lower, final double upper)
    {
        final List<Tick> shown = new ArrayList<>();
        for (final Tick tick : ticks)
        {
            if (tick.value() >= lower * 0.999 && tick.value() <= upper * 1.001)
            {
                shown.add(tick);
            }
        }
        return shown;
    }

    /**
     * The latency plot.
     *
     * @param lines one line per run: its name ("contender @ load%") and its latency in µs at each of
     *              {@code percentiles}; a name ending in "90%" is drawn dashed.
     */
    static void latency(final Path png, final double[] percentiles, final Map<String, double[]> lines,
                        final Map<String, Color> colours) throws IOException
    {
        final XYSeriesCollection series = new XYSeriesCollection();
        for (final Map.Entry<String, double[]> line : lines.entrySet())
        {
            final XYSeries xy = new XYSeries(line.getKey());
            for (int i = 0; i < percentiles.length; i++)
            {
                xy.add(percentileX(percentiles[i]), Math.max(0.1, line.getValue()[i]));
            }
            series.addSeries(xy);
        }
        final JFreeChart chart = ChartFactory.createXYLineChart(
            "Latency by percentile (intended send time to callback); solid 50% load, dashed 90%", "percentile",
            "latency", series, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        plain(plot);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.getSeriesCount(); i++)
        {
            final String key = series.getSeriesKey(i).toString();
            renderer.setSeriesPaint(i, colours.getOrDefault(key.substring(0, key.indexOf(' ')), Color.DARK_GRAY));
            renderer.setSeriesStroke(i, key.endsWith("90%") ?
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f) :
                new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        plot.setDomainAxis(new LabelledLogAxis("percentile", PERCENTILE_TICKS));
        plot.setRangeAxis(new LabelledLogAxis("latency (log scale)", LATENCY_TICKS));
        write(png, 1000, 600, chart);
    }

    /**
     * The throughput bars: one chart per kind of work, a group of bars per design, a bar per shard count.
     *
     * @param kinds work kind → design → shard count → messages a second; in millions when a rate reaches a
     *              million, in thousands otherwise.
     */
    static void throughput(final Path png, final Map<String, Map<String, Map<String, Double>>> kinds) throws IOException
    {
        final List<JFreeChart> charts = new ArrayList<>();
        for (final Map.Entry<String, Map<String, Map<String, Double>>> kind : kinds.entrySet())
        {
            final TreeSet<Integer> shardCounts = new TreeSet<>();
            double highest = 0;
            for (final Map<String, Double> byShards : kind.getValue().values())
            {
                for (final Map.Entry<String, Double> rate : byShards.entrySet())
                {
                    shardCounts.add(Integer.parseInt(rate.getKey()));
                    highest = Math.max(highest, rate.getValue());
                }
            }
            final boolean millions = highest >= 1e6;
            final DefaultCategoryDataset data = new DefaultCategoryDataset();
            for (final int shards : shardCounts) // series in shard order, so a shard count keeps its colour
            {
                for (final Map.Entry<String, Map<String, Double>> design : kind.getValue().entrySet())
                {
                    final Double rate = design.getValue().get(Integer.toString(shards));
                    if (rate != null)
                    {
                        data.addValue(rate / (millions ? 1e6 : 1e3), shards + (shards == 1 ? " shard" : " shards"),
                            design.getKey());
                    }
                }
            }
            final JFreeChart chart = ChartFactory.createBarChart(
                "Throughput, " + kind.getKey() + " work", "design",
                (millions ? "million" : "thousand") + " messages a second", data, PlotOrientation.VERTICAL, true, false, false);
            final CategoryPlot plot = chart.getCategoryPlot();
            plain(plot);
            final BarRenderer renderer = (BarRenderer)plot.getRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
            renderer.setItemMargin(0.05);
            renderer.setMaximumBarWidth(0.08);
            int series = 0;
            for (final int shards : shardCounts)
            {
                renderer.setSeriesPaint(series++, SHARD_COLOURS[Integer.numberOfTrailingZeros(Integer.highestOneBit(shards)) %
                    SHARD_COLOURS.length]);
            }
            final CategoryAxis designs = plot.getDomainAxis();
            designs.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            ((NumberAxis)plot.getRangeAxis()).setNumberFormatOverride(new DecimalFormat(millions ? "0.0#" : "0.#"));
            charts.add(chart);
        }
        write(png, 1000, 450 * Math.max(1, charts.size()), charts.toArray(new JFreeChart[0]));
    }

    private static void plain(final Object plot)
    {
        if (plot instanceof XYPlot xy)
        {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        else if (plot instanceof CategoryPlot category)
        {
            category.setBackgroundPaint(Color.WHITE);
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
    }

    /** Draws {@code charts} one under the other into one PNG. */
    private static void write(final Path png, final int width, final int height, final JFreeChart... charts)
        throws IOException
    {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try
        {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            final double each = (double)height / charts.length;
            for (int i = 0; i < charts.length; i++)
            {
                charts[i].draw(g, new Rectangle2D.Double(0, i * each, width, each));
            }
        }
        finally
        {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** A base-10 log axis whose ticks are a fixed list, each with its own label. */
    static final class LabelledLogAxis extends LogAxis
    {
        private static final long serialVersionUID = 1L;
        private final List<Tick> ticks;

        LabelledLogAxis(final String label, final List<Tick> ticks)
        {
            super(label);
            this.ticks = List.copyOf(ticks);
            setBase(10);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(final Graphics2D g2, final AxisState state, final Rectangle2D dataArea,
                                 final RectangleEdge edge)
        {
            final boolean vertical = RectangleEdge.isLeftOrRight(edge);
            final List result = new ArrayList();
            for (final Tick tick : within(ticks, getLowerBound(), getUpperBound()))
            {
                result.add(new NumberTick(tick.value(), tick.label(),
                    vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0.0));
            }
            return result;
        }
    }
}
