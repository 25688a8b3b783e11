package io.ringstreamer.result;

/**
 * A result of a user-written component: a kind number the component chose and up to
 * {@link #MAX_VALUES} numbers. Wrap it in a typed view of your own (see the EMA/RSI example in
 * {@code docs/components.md}). Valid only during {@link ResultListener#onCustom};
 * {@link #toCustom()} takes an immutable copy.
 */
public interface CustomView extends ResultView
{
    /** Most values one custom result carries. */
    int MAX_VALUES = 8;

    /** The kind number the component published with. */
    int kind();

    /** How many values it carries. */
    int valueCount();

    /** Value {@code index} (0-based, below {@link #valueCount()}). */
    double value(int index);

    default CustomResult toCustom()
    {
        final double[] values = new double[valueCount()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = value(i);
        }
        return new CustomResult(symbol(), kind(), values, sequence());
    }
}
