package io.ringstreamer.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A worker node as a process: its own embedded media driver, then {@link WorkerNode#run}; exits when the feed
 * closes. With {@code --recorder} (the control endpoint of the feed's archive, {@link FeedNode#archive}) a worker started
 * after the stream's start (a restart) catches up from the feed's recording first; with {@code --acks} (the
 * administrator's {@link AdminNode#acknowledgeTo} file) it does not resend what was delivered before. Needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on Java 17+ (Aeron, Agrona).
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp ... io.ringstreamer.cluster.WorkerMain \
 *     --worker 0 --feed 127.0.0.1:40501 --admin 127.0.0.1:40502 --host 127.0.0.1 --dir /dev/shm/worker-0 \
 *     [--recorder 127.0.0.1:40503] [--acks FILE] [--shards 1] [--heartbeat-ms 100] [--join-ms 30000] [--linger-ms 10000]
 * </pre>
 */
public final class WorkerMain
{
    private WorkerMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            if (!args[i].startsWith("--"))
            {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        final int worker = Integer.parseInt(required(options, "worker"));
        final String feed = required(options, "feed");
        final String admin = required(options, "admin");
        final String host = options.getOrDefault("host", "127.0.0.1");
        final Path dir = Path.of(required(options, "dir"));
        final int shards = Integer.parseInt(options.getOrDefault("shards", "1"));
        final Duration heartbeat = Duration.ofMillis(Long.parseLong(options.getOrDefault("heartbeat-ms", "100")));
        final Duration join = Duration.ofMillis(Long.parseLong(options.getOrDefault("join-ms", "30000")));
        final Duration linger = Duration.ofMillis(Long.parseLong(options.getOrDefault("linger-ms", "10000")));
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(dir))
        {
            System.out.println("worker " + worker + " joining");
            final WorkerNode node = new WorkerNode(aeron.aeron(), worker, ClusterChannels.feedSubscription(feed, host),
                ClusterChannels.results(admin), builder -> builder.shards(shards), heartbeat);
            if (options.containsKey("recorder"))
            {
                node.catchUp(options.get("recorder"), host);
            }
            if (options.containsKey("acks"))
            {
                node.acknowledgements(Path.of(options.get("acks")));
            }
            final long notCarried = node.run(join, linger);
            System.out.println("worker " + worker + " done" + (notCarried > 0 ? ", " + notCarried + " results not carried" : "") +
                (node.joinPosition() > 0 ? ", caught up from the feed's archive to position " + node.joinPosition() : "") +
                ", max lag " + node.maxLag() + " bytes of the feed stream" +
                (node.suppressed() > 0 ? ", suppressed " + node.suppressed() + " results the administrator had acknowledged" : ""));
            if (EmbeddedAeron.injectsReceiveLoss())
            {
                System.out.println("worker " + worker + " loss injected: NAKs sent " + aeron.systemCounter("NAKs sent") +
                    ", loss gap fills " + aeron.systemCounter("Loss gap fills"));
            }
        }
    }

    private static String required(final Map<String, String> options, final String name)
    {
        final String value = options.get(name);
        if (value == null)
        {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
