package io.ringstreamer.bench.harness;

import io.ringstreamer.Pipeline;
import io.ringstreamer.source.OverflowPolicy;

/**
 * The benchmarks' A/B knob for the reader's overflow policy: {@code -Dringstreamer.overflowPolicy=BLOCK|DROP_NEWEST}
 * (with JMH, {@code -jvmArgsAppend}); without it a pipeline keeps the library's default, {@code SPILL}.
 */
public final class OverflowPolicyProperty
{
    public static final String NAME = "ringstreamer.overflowPolicy";

    private OverflowPolicyProperty()
    {
    }

    /** Sets the policy the property names, if any, on {@code builder}; returns it. */
    public static Pipeline.Builder apply(final Pipeline.Builder builder)
    {
        final String policy = System.getProperty(NAME);
        return policy == null ? builder : builder.overflowPolicy(OverflowPolicy.valueOf(policy));
    }
}
