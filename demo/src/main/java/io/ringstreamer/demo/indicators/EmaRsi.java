package io.ringstreamer.demo.indicators;

import io.ringstreamer.format.EntryView;
import io.ringstreamer.worker.BarReader;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.ResultSink;

/**
 * An example of your own component: for each symbol, an exponential moving average and Wilder's
 * relative strength index over the 1-minute closes ({@code CHART_EQUITY}).
 *
 * <pre>{@code
 * Pipeline.builder().component(Service.CHART_EQUITY, EmaRsi::new)   // one instance per symbol
 * }</pre>
 *
 * <p>For every bar it publishes one custom result of kind {@link #KIND} with two values, read back
 * with {@link EmaRsiView}: {@code values[0]} the EMA, {@code values[1]} the RSI. Each is {@code NaN}
 * until it is warmed up, so every bar has a result and none has a made-up value:
 * <ul>
 *   <li>EMA({@code n}): the simple average of the first {@code n} closes, then
 *   {@code ema += (close - ema) * 2 / (n + 1)}; defined from the {@code n}th close.</li>
 *   <li>RSI({@code m}), Wilder's: the first average gain and loss are the simple averages of the first
 *   {@code m} close-to-close changes, then {@code avg = (avg * (m - 1) + current) / m};
 *   {@code rsi = 100 - 100 / (1 + avgGain / avgLoss)}, 100 when there were no losses (50 when there
 *   was no change at all); defined from the {@code (m + 1)}th close.</li>
 * </ul>
 *
 * <p>Bars are read with {@link BarReader}, the routine of the built-in {@code OneMinuteBars}: a bar that
 * component rejects (unreadable, a bad price, a repeat, out of order, a time that cannot be right) is
 * skipped here too, and reported there once; every component is called for every entry, so a component
 * that counted bars itself would count those. Runs on the shard thread that owns the symbol and
 * allocates nothing per entry: the two values go out through one reused array, which
 * {@link ResultSink#custom} copies.
 */
public final class EmaRsi implements Component
{
    /** The custom result kind this component publishes: a number the application reserves for it. */
    public static final int KIND = 1_001;

    public static final int DEFAULT_EMA_PERIOD = 20;
    public static final int DEFAULT_RSI_PERIOD = 14;

    private final int emaPeriod;
    private final int rsiPeriod;
    private final double alpha;
    private final double[] values = new double[2];
    private final BarReader bar = new BarReader();

    private long closes;
    private double emaSeed;
    private double ema = Double.NaN;
    private double previousClose;
    private double averageGain;
    private double averageLoss;
    private double rsi = Double.NaN;

    /** EMA(20) and RSI(14). */
    public EmaRsi()
    {
        this(DEFAULT_EMA_PERIOD, DEFAULT_RSI_PERIOD);
    }

    /**
     * @param emaPeriod the EMA's period in bars, at least 1.
     * @param rsiPeriod the RSI's period in bars, at least 1.
     */
    public EmaRsi(final int emaPeriod, final int rsiPeriod)
    {
        if (emaPeriod < 1 || rsiPeriod < 1)
        {
            throw new IllegalArgumentException("periods must be positive: " + emaPeriod + ", " + rsiPeriod);
        }
        this.emaPeriod = emaPeriod;
        this.rsiPeriod = rsiPeriod;
        this.alpha = 2.0 / (emaPeriod + 1);
    }

    @Override
    public void onEntry(final EntryView entry, final ResultSink out)
    {
        if (!bar.take(entry, out.validation()))
        {
            return; // OneMinuteBars, which runs first, reports the bar
        }
        final double close = bar.close();
        closes++;
        updateEma(close);
        if (closes > 1)
        {
            updateRsi(close - previousClose);
        }
        previousClose = close;

        values[0] = ema;
        values[1] = rsi;
        out.custom(KIND, values, 2);
    }

    private void updateEma(final double close)
    {
        if (closes < emaPeriod)
        {
            emaSeed += close;
        }
        else if (closes == emaPeriod)
        {
            ema = (emaSeed + close) / emaPeriod;
        }
        else
        {
            ema += (close - ema) * alpha;
        }
    }

    private void updateRsi(final double change)
    {
        final double gain = Math.max(change, 0);
        final double loss = Math.max(-change, 0);
        final long changes = closes - 1;
        if (changes <= rsiPeriod)
        {
            averageGain += gain; // sums until the first period is complete
            averageLoss += loss;
            if (changes < rsiPeriod)
            {
                return;
            }
            averageGain /= rsiPeriod;
            averageLoss /= rsiPeriod;
        }
        else
        {
            averageGain = (averageGain * (rsiPeriod - 1) + gain) / rsiPeriod;
            averageLoss = (averageLoss * (rsiPeriod - 1) + loss) / rsiPeriod;
        }
        if (averageLoss == 0)
        {
            rsi = averageGain == 0 ? 50 : 100;
        }
        else
        {
            rsi = 100 - 100 / (1 + averageGain / averageLoss);
        }
    }
}
