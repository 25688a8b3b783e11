package io.ringstreamer.result;

/** Which {@link ResultListener} callback a result goes to: what a {@link ListenerErrorHandler} is told. */
public enum ResultKind
{
    /** {@link ResultListener#onBar}. */
    BAR,
    /** {@link ResultListener#onAggregateBar}. */
    AGGREGATE_BAR,
    /** {@link ResultListener#onQuote}. */
    QUOTE,
    /** {@link ResultListener#onBook}. */
    BOOK,
    /** {@link ResultListener#onTrade}. */
    TRADE,
    /** {@link ResultListener#onNews}. */
    NEWS,
    /** {@link ResultListener#onCustom}. */
    CUSTOM,
    /** {@link ResultListener#onError}. */
    ERROR,
    /** {@link ResultListener#onStatus}. */
    STATUS,
    /** {@link ResultListener#onEndOfStream}. */
    END_OF_STREAM
}
