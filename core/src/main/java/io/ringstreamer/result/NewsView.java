package io.ringstreamer.result;

/**
 * A headline. The texts are decoded from the message's UTF-8 (JSON escapes resolved) into buffers
 * of the results ring: {@link CharSequence}s valid only during {@link ResultListener#onNews}.
 * {@link #toNews()} takes an immutable copy.
 */
public interface NewsView extends ResultView
{
    long timeMillis();

    CharSequence id();

    CharSequence headline();

    CharSequence source();

    default News toNews()
    {
        return new News(symbol(), timeMillis(), id().toString(), headline().toString(), source().toString(), sequence());
    }
}
