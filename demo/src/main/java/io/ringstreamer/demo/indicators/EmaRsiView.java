package io.ringstreamer.demo.indicators;

import io.ringstreamer.result.CustomView;

/**
 * Reads an {@link EmaRsi} result by name: a typed view over the generic {@link CustomView}, with no
 * copy and no allocation. Use it in {@link io.ringstreamer.result.ResultListener#onCustom}, on the
 * administrator thread, while the view is valid.
 *
 * <pre>{@code
 * public void onCustom(CustomView result) {
 *     if (EmaRsiView.is(result) && EmaRsiView.rsi(result) > 70) { ... }
 * }
 * }</pre>
 */
public final class EmaRsiView
{
    private EmaRsiView()
    {
    }

    /** Whether {@code result} was published by {@link EmaRsi}. */
    public static boolean is(final CustomView result)
    {
        return result.kind() == EmaRsi.KIND && result.valueCount() == 2;
    }

    /** The EMA of the closes, or {@code NaN} while it warms up. */
    public static double ema(final CustomView result)
    {
        return result.value(0);
    }

    /** Wilder's RSI of the closes, 0 to 100, or {@code NaN} while it warms up. */
    public static double rsi(final CustomView result)
    {
        return result.value(1);
    }

    /** Whether both values are defined. */
    public static boolean isWarmedUp(final CustomView result)
    {
        return !Double.isNaN(ema(result)) && !Double.isNaN(rsi(result));
    }
}
