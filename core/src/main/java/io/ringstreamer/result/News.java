package io.ringstreamer.result;

/** An immutable headline, copied out of a {@link NewsView}. */
public record News(String symbol, long timeMillis, String id, String headline, String source, long sequence)
{
}
