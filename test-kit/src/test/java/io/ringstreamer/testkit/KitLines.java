package io.ringstreamer.testkit;

import java.util.List;

/** Canonical lines of every service, with a damaged line and a rejected entry among them, for the kit's tests. */
final class KitLines
{
    static final List<String> LINES = List.of(
        "{\"timestamp\":1720522860000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AMZN\":{\"open\":199.79,\"high\":199.84," +
            "\"low\":199.79,\"close\":199.84,\"volume\":1521,\"datetime\":1720522800000}}}",
        "{\"timestamp\":1720522920000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AAPL\":{\"open\":227.99,\"high\":228.0," +
            "\"low\":227.95,\"close\":227.95,\"volume\":3756,\"datetime\":1720522860000},\"AMZN\":{\"open\":199.85," +
            "\"high\":199.85,\"low\":199.85,\"close\":199.85,\"volume\":204,\"datetime\":1720522860000}}}",
        "not a canonical message",
        "{\"timestamp\":1720522980000,\"service\":\"LEVELONE_EQUITIES\",\"symbols\":{\"AAPL\":{\"bid\":227.79,\"ask\":227.81," +
            "\"bidSize\":300}}}",
        "{\"timestamp\":1720522980000,\"service\":\"BOOK\",\"symbols\":{\"AAPL\":{\"time\":1720522979950,\"bids\":[[227.79,300]," +
            "[227.78,500]],\"asks\":[[227.81,200],[227.83,900]]}}}",
        "{\"timestamp\":1720522980000,\"service\":\"TIMESALE_EQUITY\",\"symbols\":{\"AAPL\":{\"time\":1720522979990," +
            "\"price\":227.8,\"size\":100,\"seq\":88121}}}",
        "{\"timestamp\":1720522980000,\"service\":\"NEWS_HEADLINE\",\"symbols\":{\"AAPL\":{\"time\":1720522975000,\"id\":\"n-1\"," +
            "\"headline\":\"Apple \\\"opens\\\" developer conf\\u00e9rence\",\"source\":\"Example Wire\"}}}",
        "{\"timestamp\":1720522980000,\"service\":\"CHART_EQUITY\",\"symbols\":{\"AAPL\":{\"open\":227.8,\"high\":227.7," +
            "\"low\":227.8,\"close\":227.8,\"volume\":249,\"datetime\":1720522920000},\"AMZN\":[1,2]}}");

    private KitLines()
    {
    }
}
