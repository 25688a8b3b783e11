package io.ringstreamer.bench.harness;

import io.ringstreamer.bench.contenders.AgronaContender;
import io.ringstreamer.bench.contenders.InlineContender;
import io.ringstreamer.bench.contenders.QueuesContender;
import io.ringstreamer.bench.contenders.RawDisruptorContender;
import io.ringstreamer.bench.contenders.RingStreamerContender;
import io.ringstreamer.bench.contenders.SeedPortContender;

import java.util.List;

/** Every contender, by the name used in JMH parameters and reports. */
public final class Contenders
{
    private Contenders()
    {
    }

    public static List<Contender> all()
    {
        return List.of(new RingStreamerContender(), RingStreamerContender.throughAdministrator(),
            new RawDisruptorContender(), new AgronaContender(), new QueuesContender(), new InlineContender(), new SeedPortContender());
    }

    public static Contender byName(final String name)
    {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no contender " + name + "; have " +
                all().stream().map(Contender::name).toList()));
    }
}
