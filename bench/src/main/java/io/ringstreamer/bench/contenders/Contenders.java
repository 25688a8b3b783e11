package io.ringstreamer.bench.contenders;

import io.ringstreamer.bench.harness.Contender;

import java.util.List;

/**
 * Every contender, by the name used in JMH parameters and reports. Here, not in {@code harness}: the contenders use
 * the harness, and the harness knows none of them.
 */
public final class Contenders
{
    private Contenders()
    {
    }

    public static List<Contender> all()
    {
        return List.of(new RingStreamerContender(), RingStreamerContender.throughAdministrator(),
            RingStreamerContender.decoding(io.ringstreamer.DecodeMode.ONCE),
            RingStreamerContender.decoding(io.ringstreamer.DecodeMode.EACH_SHARD), new RawDisruptorContender(), new AgronaContender(), new QueuesContender(), new InlineContender(), new SeedPortContender());
    }

    public static Contender byName(final String name)
    {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no contender " + name + "; have " +
                all().stream().map(Contender::name).toList()));
    }
}
