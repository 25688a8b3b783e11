package io.ringstreamer.bench;

import io.ringstreamer.delivery.Administrator;
import io.ringstreamer.delivery.ResultOutlet;
import io.ringstreamer.demo.synthetic.SyntheticMarket;
import io.ringstreamer.format.Service;
import io.ringstreamer.inbound.InboundEvent;
import io.ringstreamer.metrics.internal.PipelineCounters;
import io.ringstreamer.result.AggregateBarView;
import io.ringstreamer.result.BarView;
import io.ringstreamer.result.BookView;
import io.ringstreamer.result.ErrorView;
import io.ringstreamer.result.ListenerErrorHandler;
import io.ringstreamer.result.NewsView;
import io.ringstreamer.result.QuoteView;
import io.ringstreamer.result.ResultListener;
import io.ringstreamer.result.TradeView;
import io.ringstreamer.shard.ShardHandler;
import io.ringstreamer.shard.SymbolTable;
import io.ringstreamer.shard.WorkerFactory;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.Headlines;
import io.ringstreamer.worker.LevelOneQuotes;
import io.ringstreamer.worker.LevelTwoBook;
import io.ringstreamer.worker.NMinuteBars;
import io.ringstreamer.worker.OneMinuteBars;
import io.ringstreamer.worker.TimeAndSales;
import io.ringstreamer.worker.Validation;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a shard spends on each message of a feed of every service (issue 16): the real {@link ShardHandler}
 * on one thread, as with one shard and {@code Delivery.SHARD_THREAD}, decoding the demo's synthetic
 * market (50 symbols: quotes, trades, books, bars, headlines) and running every built-in component
 * (1-minute bars, 5- and 15-minute bars, Level 1, Level 2, time and sales, news), its results delivered
 * by the real administrator code to a listener that counts them. One operation is one message: the copy
 * into the slot, decode, components and delivery.
 *
 * <p>On this feed the shard's one {@code Component.onEntry} call site sees six component classes
 * (megamorphic: an interface call through the itable, nothing inlined). Commit 1640d48 holds the A/B
 * against a call site per service ({@code ServiceDispatch}: a branch per service calling its built-in
 * component class directly, so the JIT binds and, where small enough, inlines it), as
 * {@code callSitePerService} beside {@code sharedCallSite}; it did not win beyond the noise and was
 * dropped (docs/performance.md, "Per-service dispatch"). This benchmark stays as the baseline for the
 * next change to the shard's per-entry path.
 *
 * <p>Each invocation runs {@value #MESSAGES} messages from the market's start through fresh workers, so
 * every bar, quote and print is new to its component (none is rejected as a repeat). {@code -prof gc}
 * shows about 8 B/op, the same for both dispatches: JMH counts that setup (fresh workers and counters,
 * spread over {@value #MESSAGES} messages) with the iteration; the shard's path itself allocates nothing
 * on this feed ({@code ZeroAllocationTest}, every service).
 *
 * <pre>
 * mvn -B -ntp -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DispatchBenchmark -f 2 -wi 5 -i 5 -r 1 -w 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DispatchBenchmark
{
    static final int MESSAGES = 100_000;

    private byte[][] messages;
    private List<String> symbols;
    private WorkerFactory workers;
    private InboundEvent slot;
    private CountingListener listener;
    private ShardHandler shard;

    @Setup(Level.Trial)
    public void generate()
    {
        final SyntheticMarket market = SyntheticMarket.builder().symbols(50).seed(42).build();
        symbols = market.symbols();
        messages = market.messages(MESSAGES).toArray(new byte[0][]);
        int longest = 0;
        for (final byte[] message : messages)
        {
            longest = Math.max(longest, message.length);
        }
        slot = new InboundEvent(longest);
        slot.type = InboundEvent.DATA;
        slot.note = InboundEvent.NOTE_NONE;
        // What Pipeline.builder().aggregateBars(5, 15) runs for every symbol.
        final Map<Service, List<Function<String, ? extends Component>>> components = new EnumMap<>(Service.class);
        components.put(Service.CHART_EQUITY, List.of(symbol -> new OneMinuteBars(), symbol -> new NMinuteBars(5, 15)));
        components.put(Service.LEVELONE_EQUITIES, List.of(symbol -> new LevelOneQuotes()));
        components.put(Service.BOOK, List.of(symbol -> new LevelTwoBook()));
        components.put(Service.TIMESALE_EQUITY, List.of(symbol -> new TimeAndSales()));
        components.put(Service.NEWS_HEADLINE, List.of(symbol -> new Headlines()));
        workers = new WorkerFactory(components);
    }

    /** A fresh shard with fresh workers for every symbol, so the market is new to every component again. */
    @Setup(Level.Invocation)
    public void freshShard()
    {
        final SymbolTable table = new SymbolTable(symbols.size());
        for (int id = 0; id < symbols.size(); id++)
        {
            table.put(workers.create(symbols.get(id), id, null));
        }
        final PipelineCounters metrics = new PipelineCounters(1);
        listener = new CountingListener();
        final Administrator administrator = new Administrator(listener, ListenerErrorHandler.logging(), 1,
            () -> null, metrics, new CountDownLatch(1), new CountDownLatch(1), false);
        shard = new ShardHandler(0, 1, table, workers, ResultOutlet.onShardThread(administrator, 1, 10), null, metrics,
            1 << 20, 0, Validation.REJECT, new CountDownLatch(1), null);
        shard.onStart();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long everyService(final CpuTime cpu)
    {
        final long cpuStart = CpuTime.THREADS.getCurrentThreadCpuTime();
        final InboundEvent slot = this.slot;
        final ShardHandler shard = this.shard;
        final byte[][] messages = this.messages;
        for (int i = 0; i < messages.length; i++)
        {
            final byte[] message = messages[i];
            System.arraycopy(message, 0, slot.bytes, 0, message.length);
            slot.length = message.length;
            slot.receiveNanos = i;
            shard.onEvent(slot, i, true);
        }
        cpu.add(CpuTime.THREADS.getCurrentThreadCpuTime() - cpuStart, messages.length);
        if (listener.errors != 0)
        {
            throw new IllegalStateException(listener.errors + " errors: the workload is broken");
        }
        return listener.results;
    }

    /**
     * The benchmark thread's CPU time per message ({@code :cpuNanosPerMessage}, each iteration's own),
     * beside the wall time: on a shared machine the wall time also counts the time the thread waited for a
     * core, the CPU time does not (a neighbour's cache pressure still shows in both). JMH adds up an
     * events counter over the iterations in its summary line: the mean is that sum over {@code Cnt}.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime
    {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private long nanos;
        private long messages;

        @Setup(Level.Iteration)
        public void reset()
        {
            nanos = 0;
            messages = 0;
        }

        void add(final long nanos, final long messages)
        {
            this.nanos += nanos;
            this.messages += messages;
        }

        public double cpuNanosPerMessage()
        {
            return messages == 0 ? 0 : (double)nanos / messages;
        }
    }

    /** The last invocation's results, by kind (for the benchmark's test). */
    CountingListener results()
    {
        return listener;
    }

    /** Counts every kind of result; an error means the workload is broken. */
    static final class CountingListener implements ResultListener
    {
        long results;
        long bars;
        long aggregateBars;
        long quotes;
        long books;
        long trades;
        long news;
        long errors;

        @Override
        public void onBar(final BarView bar)
        {
            results++;
            bars++;
        }

        @Override
        public void onAggregateBar(final AggregateBarView bar)
        {
            results++;
            aggregateBars++;
        }

        @Override
        public void onQuote(final QuoteView quote)
        {
            results++;
            quotes++;
        }

        @Override
        public void onBook(final BookView book)
        {
            results++;
            books++;
        }

        @Override
        public void onTrade(final TradeView trade)
        {
            results++;
            trades++;
        }

        @Override
        public void onNews(final NewsView news)
        {
            results++;
            this.news++;
        }

        @Override
        public void onError(final ErrorView error)
        {
            errors++;
        }
    }
}
