package io.ringstreamer.bench;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.NumberConverter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.ringstreamer.bench.harness.BarSink;
import io.ringstreamer.format.CanonicalDecoder;
import io.ringstreamer.format.EntryView;
import io.ringstreamer.format.Service;
import io.ringstreamer.result.ErrorKind;
import io.ringstreamer.testing.SyntheticBars;
import io.ringstreamer.worker.Component;
import io.ringstreamer.worker.OneMinuteBars;
import io.ringstreamer.worker.Validation;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.VanillaBytes;
import net.openhft.chronicle.core.util.StringUtils;
import net.openhft.chronicle.wire.JSONWire;
import net.openhft.chronicle.wire.ReadMarshallable;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.WireIn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which decoder belongs on the shard handlers' hot path: the time and the garbage to decode one whole
 * {@code CHART_EQUITY} message (timestamp, service, and open/high/low/close/volume/datetime of every
 * symbol entry) with ring-streamer's flyweight (driving the real bar component, {@code OneMinuteBars}), with Chronicle Wire's streaming {@link JSONWire}, with
 * Jackson's streaming {@link JsonParser} and with DSL-JSON's {@link JsonReader}. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per message, and a decoder that
 * allocates per message makes garbage on every shard thread.
 *
 * <p>The candidates do not check equally much: the flyweight validates the whole message before any
 * entry is read, Jackson checks the syntax of everything it passes, DSL-JSON and Chronicle Wire check
 * little beyond what they are asked to read. {@code dslJsonValidated} is DSL-JSON held to the
 * flyweight's guarantee by running the pipeline's validating pass first; since that pass also parses
 * the entries' numbers, it does the parsing twice, so the bound that matters is plain {@code dslJson}:
 * no DSL-JSON decoder that validates can be faster than the one that does not.
 *
 * <p>Each call decodes the next of {@link #MESSAGES} seeded synthetic messages, so branch predictors
 * cannot learn one message. Every candidate returns the same {@link #checksum}: whole numbers are added,
 * and each price is added as its IEEE 754 bits, so a price parsed one ulp off changes the result
 * ({@code DecodeBenchmarkTest} checks that every candidate agrees).
 *
 * <p>Not final: JMH subclasses its state classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    // For Chronicle Wire, which decodes correctly on Java 17 without flags; without this one it logs an
    // error on start-up and cannot read the JVM's direct memory limit. The other candidates need nothing.
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    // Chronicle's start-up banner and usage analytics: not triggered by Wire 2026.7, off should a
    // Chronicle upgrade start calling them.
    "-Dchronicle.announcer.disable=true",
    "-Dchronicle.analytics.disable=true"})
public class DecodeBenchmark
{
    /** How many distinct messages each benchmark cycles through: a power of two. */
    public static final int MESSAGES = 1024;

    /** Seed of the synthetic messages. */
    public static final long SEED = 20_240_709L;

    private static final int DISTINCT_SYMBOLS = 64;
    private static final String CHART_EQUITY = Service.CHART_EQUITY.name();

    @Param({"1", "2", "4", "16"}) // 2: the throughput benchmarks' messages, for the decode limit in the report
    public int symbolsPerMessage;

    private int next;
    private FlyweightCandidate flyweight;
    private ChronicleWireCandidate chronicleWire;
    private JacksonCandidate jackson;
    private DslJsonCandidate dslJson;
    private ValidatedDslJsonCandidate dslJsonValidated;

    @Setup
    public void setUp()
    {
        final byte[][] messages = messages(symbolsPerMessage);
        flyweight = new FlyweightCandidate(messages);
        chronicleWire = new ChronicleWireCandidate(messages);
        jackson = new JacksonCandidate(messages);
        dslJson = new DslJsonCandidate(messages);
        dslJsonValidated = new ValidatedDslJsonCandidate(messages);
        next = 0;
    }

    @Benchmark
    public long flyweight()
    {
        return flyweight.decode(nextIndex());
    }

    @Benchmark
    public long chronicleWire()
    {
        return chronicleWire.decode(nextIndex());
    }

    @Benchmark
    public long jackson()
    {
        return jackson.decode(nextIndex());
    }

    @Benchmark
    public long dslJson()
    {
        return dslJson.decode(nextIndex());
    }

    /**
     * DSL-JSON held to the pipeline's rule that a message is checked whole before any entry is used:
     * ring-streamer's validating pass ({@link CanonicalDecoder#wrap}) first, then DSL-JSON reads. What
     * reading with DSL-JSON behind the pipeline's check would cost; {@link #dslJson()} is the bound for
     * any validating DSL-JSON decoder, to compare with {@link #flyweight()}, which validates, indexes and
     * parses in one pass.
     */
    @Benchmark
    public long dslJsonValidated()
    {
        return dslJsonValidated.decode(nextIndex());
    }

    private int nextIndex()
    {
        final int index = next;
        next = (index + 1) & (MESSAGES - 1);
        return index;
    }

    /** The seeded synthetic messages every benchmark and test decodes. */
    static byte[][] messages(final int symbolsPerMessage)
    {
        final List<byte[]> messages = SyntheticBars.messages(
            SyntheticBars.symbols(DISTINCT_SYMBOLS), symbolsPerMessage, MESSAGES, SEED);
        return messages.toArray(new byte[0][]);
    }

    /** What every candidate returns for a message: see the class Javadoc. */
    static long checksum(final long timestamp, final boolean chartEquity, final long entries)
    {
        return timestamp + (chartEquity ? 1 : 0) + entries;
    }

    /** One entry's share of {@link #checksum}. */
    static long entrySum(
        final double open, final double high, final double low, final double close, final long volume,
        final long datetime)
    {
        return Double.doubleToRawLongBits(open) + Double.doubleToRawLongBits(high) +
            Double.doubleToRawLongBits(low) + Double.doubleToRawLongBits(close) + volume + datetime;
    }

    private static byte[] ascii(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * ring-streamer's own decoder driving its own bar component, as a shard handler does:
     * {@link CanonicalDecoder#wrap} validates the whole message and indexes its entries, each entry's symbol finds
     * that symbol's {@link OneMinuteBars} (a hash of the symbol's bytes, as the shard's symbol table does), and the
     * component reads the entry through an {@link EntryView} and publishes the bar to a sink that adds it to the
     * checksum. Allocates nothing once every symbol has its component.
     *
     * <p>The sink validates with {@link Validation#FLAG}: the benchmark cycles through its messages, so from the
     * second cycle on every bar repeats one the component has seen, and under {@code FLAG} it is still published
     * (after a flag) rather than rejected, so this candidate reads every entry as the others do.
     */
    static final class FlyweightCandidate
    {
        private final byte[][] messages;
        private final CanonicalDecoder decoder = new CanonicalDecoder();
        private final EntryView entry = new EntryView();
        private final SymbolComponents components = new SymbolComponents();
        private final ChecksumSink sink = new ChecksumSink();

        FlyweightCandidate(final byte[][] messages)
        {
            this.messages = messages;
        }

        long decode(final int index)
        {
            final byte[] message = messages[index];
            final CanonicalDecoder decoder = this.decoder;
            if (!decoder.wrap(message, 0, message.length))
            {
                throw new IllegalStateException(decoder.errorReason());
            }
            final ChecksumSink sink = this.sink;
            sink.entries = 0;
            for (int i = 0, count = decoder.entryCount(); i < count; i++)
            {
                final Component component = components.of(message, decoder.symbolOffset(i), decoder.symbolLength(i));
                if (!decoder.entry(i, entry).isObject())
                {
                    throw new IllegalStateException("entry " + i + " is not an object");
                }
                component.onEntry(entry, sink);
            }
            return checksum(decoder.timestamp(), decoder.service() == Service.CHART_EQUITY, sink.entries);
        }
    }

    /** Adds each bar published to {@link #entries}; a rejection means the workload is broken. */
    private static final class ChecksumSink extends BarSink
    {
        long entries;

        @Override
        public void bar(final double open, final double high, final double low, final double close, final long volume,
                        final long barStartMillis)
        {
            entries += entrySum(open, high, low, close, volume, barStartMillis);
        }

        @Override
        public void reject(final ErrorKind kind, final String reason)
        {
            throw new IllegalStateException("a benchmark bar was rejected: " + reason);
        }

        @Override
        public Validation validation()
        {
            return Validation.FLAG;
        }

        @Override
        public void flag(final String reason)
        {
            // a repeated bar of the cycled messages: published all the same
        }
    }

    /** One {@link OneMinuteBars} per symbol, found by a hash of the symbol's bytes (open addressing, grown on demand). */
    private static final class SymbolComponents
    {
        private byte[][] keys = new byte[128][];
        private Component[] values = new Component[128];
        private int size;

        Component of(final byte[] buffer, final int offset, final int length)
        {
            final int mask = keys.length - 1;
            int slot = hash(buffer, offset, length) & mask;
            while (keys[slot] != null)
            {
                if (Arrays.equals(keys[slot], 0, keys[slot].length, buffer, offset, offset + length))
                {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = Arrays.copyOfRange(buffer, offset, offset + length);
            values[slot] = new OneMinuteBars();
            if (++size * 2 > keys.length)
            {
                grow();
            }
            return of(buffer, offset, length);
        }

        private void grow()
        {
            final byte[][] oldKeys = keys;
            final Component[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            values = new Component[oldKeys.length * 2];
            final int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++)
            {
                if (oldKeys[i] != null)
                {
                    int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
                    while (keys[slot] != null)
                    {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        private static int hash(final byte[] buffer, final int offset, final int length)
        {
            int hash = 1;
            for (int i = offset; i < offset + length; i++)
            {
                hash = 31 * hash + buffer[i];
            }
            return hash ^ (hash >>> 16);
        }
    }

    /**
     * Chronicle Wire's streaming {@link JSONWire}: one wire over one {@link VanillaBytes} that is pointed
     * at each message's bytes in turn (no copy), nested objects read with
     * {@link ValueIn#marshallable(ReadMarshallable)} and readers built once, field names read into a
     * reused {@link StringBuilder}. Chronicle checks less than a validating parser: it reads what it
     * is asked for and skips the rest. Its JSON reader is its YAML text reader cut down: with
     * {@code -prof stack} the time goes in skipping padding and comments, and in scanning each nested
     * object to its end before reading it.
     */
    static final class ChronicleWireCandidate
    {
        private final BytesStore<?, byte[]>[] stores;
        private final int[] lengths;
        private final VanillaBytes<byte[]> bytes;
        private final JSONWire wire;
        private final StringBuilder name = new StringBuilder(16);
        private final StringBuilder text = new StringBuilder(16);
        private final ReadMarshallable envelopeReader = this::readEnvelope;
        private final ReadMarshallable symbolsReader = this::readSymbols;
        private final ReadMarshallable entryReader = this::readEntry;

        private long timestamp;
        private boolean chartEquity;
        private long entries;

        @SuppressWarnings("unchecked")
        ChronicleWireCandidate(final byte[][] messages)
        {
            stores = (BytesStore<?, byte[]>[]) new BytesStore<?, ?>[messages.length];
            lengths = new int[messages.length];
            for (int i = 0; i < messages.length; i++)
            {
                stores[i] = BytesStore.wrap(messages[i]);
                lengths[i] = messages[i].length;
            }
            bytes = VanillaBytes.wrap(stores[0]);
            wire = new JSONWire(bytes);
        }

        long decode(final int index)
        {
            bytes.bytesStore(stores[index], 0, lengths[index]);
            bytes.readPositionRemaining(0, lengths[index]);
            timestamp = 0;
            chartEquity = false;
            entries = 0;
            wire.getValueIn().marshallable(envelopeReader);
            return checksum(timestamp, chartEquity, entries);
        }

        private void readEnvelope(final WireIn in)
        {
            final StringBuilder name = this.name;
            while (in.hasMore())
            {
                final ValueIn value = in.read(name);
                if (StringUtils.isEqual(name, "timestamp"))
                {
                    timestamp = value.int64();
                }
                else if (StringUtils.isEqual(name, "service"))
                {
                    value.text(text);
                    chartEquity = StringUtils.isEqual(text, CHART_EQUITY);
                }
                else if (StringUtils.isEqual(name, "symbols"))
                {
                    value.marshallable(symbolsReader);
                }
                else
                {
                    value.skipValue();
                }
            }
        }

        private void readSymbols(final WireIn in)
        {
            while (in.hasMore())
            {
                in.read(name).marshallable(entryReader);
            }
        }

        private void readEntry(final WireIn in)
        {
            final StringBuilder name = this.name;
            double open = 0;
            double high = 0;
            double low = 0;
            double close = 0;
            long volume = 0;
            long datetime = 0;
            while (in.hasMore())
            {
                final ValueIn value = in.read(name);
                if (StringUtils.isEqual(name, "open"))
                {
                    open = value.float64();
                }
                else if (StringUtils.isEqual(name, "high"))
                {
                    high = value.float64();
                }
                else if (StringUtils.isEqual(name, "low"))
                {
                    low = value.float64();
                }
                else if (StringUtils.isEqual(name, "close"))
                {
                    close = value.float64();
                }
                else if (StringUtils.isEqual(name, "volume"))
                {
                    volume = value.int64();
                }
                else if (StringUtils.isEqual(name, "datetime"))
                {
                    datetime = value.int64();
                }
                else
                {
                    value.skipValue();
                }
            }
            entries += entrySum(open, high, low, close, volume, datetime);
        }
    }

    /**
     * Jackson's streaming {@link JsonParser}, as it is meant to be used: one {@link JsonFactory} (with
     * its fast double parser on), a new parser per message over the {@code byte[]}. Field names come
     * from the factory's symbol table, so they are not allocated, but the parser itself is: the
     * allocation per message is measured, not hidden.
     */
    static final class JacksonCandidate
    {
        private static final char[] CHART_EQUITY_CHARS = CHART_EQUITY.toCharArray();

        private final byte[][] messages;
        private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

        JacksonCandidate(final byte[][] messages)
        {
            this.messages = messages;
        }

        long decode(final int index)
        {
            final byte[] message = messages[index];
            try (JsonParser parser = factory.createParser(message, 0, message.length))
            {
                if (parser.nextToken() != JsonToken.START_OBJECT)
                {
                    throw new IllegalStateException("message is not a JSON object");
                }
                long timestamp = 0;
                boolean chartEquity = false;
                long entries = 0;
                String name;
                while ((name = parser.nextFieldName()) != null)
                {
                    final JsonToken token = parser.nextToken();
                    if ("timestamp".equals(name) && token == JsonToken.VALUE_NUMBER_INT)
                    {
                        timestamp = parser.getLongValue();
                    }
                    else if ("service".equals(name) && token == JsonToken.VALUE_STRING)
                    {
                        chartEquity = isChartEquity(parser);
                    }
                    else if ("symbols".equals(name) && token == JsonToken.START_OBJECT)
                    {
                        while (parser.nextFieldName() != null)
                        {
                            entries += readEntry(parser);
                        }
                    }
                    else
                    {
                        parser.skipChildren();
                    }
                }
                return checksum(timestamp, chartEquity, entries);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private static boolean isChartEquity(final JsonParser parser) throws IOException
        {
            final char[] chars = parser.getTextCharacters();
            final int offset = parser.getTextOffset();
            final int length = parser.getTextLength();
            if (length != CHART_EQUITY_CHARS.length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (chars[offset + i] != CHART_EQUITY_CHARS[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static long readEntry(final JsonParser parser) throws IOException
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                parser.skipChildren();
                return 0;
            }
            double open = 0;
            double high = 0;
            double low = 0;
            double close = 0;
            long volume = 0;
            long datetime = 0;
            String name;
            while ((name = parser.nextFieldName()) != null)
            {
                final JsonToken token = parser.nextToken();
                if (!token.isNumeric())
                {
                    parser.skipChildren();
                    continue;
                }
                switch (name)
                {
                    case "open":
                        open = parser.getDoubleValue();
                        break;
                    case "high":
                        high = parser.getDoubleValue();
                        break;
                    case "low":
                        low = parser.getDoubleValue();
                        break;
                    case "close":
                        close = parser.getDoubleValue();
                        break;
                    case "volume":
                        volume = parser.getLongValue();
                        break;
                    case "datetime":
                        datetime = parser.getLongValue();
                        break;
                    default:
                        break;
                }
            }
            return entrySum(open, high, low, close, volume, datetime);
        }
    }

    /**
     * DSL-JSON's {@link JsonReader}, one reader reused for every message: names are matched as raw
     * bytes ({@link JsonReader#wasLastName(byte[])}), numbers read with {@link NumberConverter}, unknown
     * values skipped. The service is matched the same way as a name, so nothing is allocated.
     */
    static final class DslJsonCandidate
    {
        private static final byte[] TIMESTAMP = ascii("timestamp");
        private static final byte[] SERVICE = ascii("service");
        private static final byte[] SYMBOLS = ascii("symbols");
        private static final byte[] CHART_EQUITY_BYTES = ascii(CHART_EQUITY);
        private static final byte[] OPEN = ascii("open");
        private static final byte[] HIGH = ascii("high");
        private static final byte[] LOW = ascii("low");
        private static final byte[] CLOSE = ascii("close");
        private static final byte[] VOLUME = ascii("volume");
        private static final byte[] DATETIME = ascii("datetime");

        private final byte[][] messages;
        private final JsonReader<Object> reader = new DslJson<>().newReader();

        DslJsonCandidate(final byte[][] messages)
        {
            this.messages = messages;
        }

        long decode(final int index)
        {
            final byte[] message = messages[index];
            final JsonReader<Object> reader = this.reader.process(message, message.length);
            try
            {
                if (reader.getNextToken() != '{')
                {
                    throw reader.newParseError("message is not a JSON object");
                }
                long timestamp = 0;
                boolean chartEquity = false;
                long entries = 0;
                byte token = reader.getNextToken();
                while (token == '"')
                {
                    reader.fillName();
                    final byte first = reader.getNextToken();
                    if (reader.wasLastName(TIMESTAMP))
                    {
                        timestamp = NumberConverter.deserializeLong(reader);
                        token = reader.getNextToken();
                    }
                    else if (reader.wasLastName(SERVICE) && first == '"')
                    {
                        reader.calcHash();
                        chartEquity = reader.wasLastName(CHART_EQUITY_BYTES);
                        token = reader.getNextToken();
                    }
                    else if (reader.wasLastName(SYMBOLS) && first == '{')
                    {
                        entries = readSymbols(reader);
                        token = reader.getNextToken();
                    }
                    else
                    {
                        token = reader.skip();
                    }
                    token = afterValue(reader, token);
                }
                if (token != '}')
                {
                    throw reader.newParseError("expecting '}'");
                }
                return checksum(timestamp, chartEquity, entries);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /** After a value: moves past a comma to the next name's quote, or stays on the closing brace. */
        private static byte afterValue(final JsonReader<Object> reader, final byte token) throws IOException
        {
            return token == ',' ? reader.getNextToken() : token;
        }

        private static long readSymbols(final JsonReader<Object> reader) throws IOException
        {
            long entries = 0;
            byte token = reader.getNextToken();
            while (token == '"')
            {
                reader.fillName();
                if (reader.getNextToken() == '{')
                {
                    entries += readEntry(reader);
                    token = reader.getNextToken();
                }
                else
                {
                    token = reader.skip();
                }
                token = afterValue(reader, token);
            }
            if (token != '}')
            {
                throw reader.newParseError("expecting '}'");
            }
            return entries;
        }

        private static long readEntry(final JsonReader<Object> reader) throws IOException
        {
            double open = 0;
            double high = 0;
            double low = 0;
            double close = 0;
            long volume = 0;
            long datetime = 0;
            byte token = reader.getNextToken();
            while (token == '"')
            {
                reader.fillName();
                final byte first = reader.getNextToken();
                if (first != '-' && (first < '0' || first > '9'))
                {
                    token = reader.skip();
                }
                else
                {
                    if (reader.wasLastName(OPEN))
                    {
                        open = NumberConverter.deserializeDouble(reader);
                    }
                    else if (reader.wasLastName(HIGH))
                    {
                        high = NumberConverter.deserializeDouble(reader);
                    }
                    else if (reader.wasLastName(LOW))
                    {
                        low = NumberConverter.deserializeDouble(reader);
                    }
                    else if (reader.wasLastName(CLOSE))
                    {
                        close = NumberConverter.deserializeDouble(reader);
                    }
                    else if (reader.wasLastName(VOLUME))
                    {
                        volume = NumberConverter.deserializeLong(reader);
                    }
                    else if (reader.wasLastName(DATETIME))
                    {
                        datetime = NumberConverter.deserializeLong(reader);
                    }
                    else
                    {
                        NumberConverter.deserializeDouble(reader);
                    }
                    token = reader.getNextToken();
                }
                token = afterValue(reader, token);
            }
            if (token != '}')
            {
                throw reader.newParseError("expecting '}'");
            }
            return entrySum(open, high, low, close, volume, datetime);
        }
    }

    /**
     * DSL-JSON after the pipeline's own check: {@link CanonicalDecoder#wrap} validates the whole message
     * (a message that cannot be parsed is rejected whole, before any entry is used; the same pass parses
     * the entries' numbers), then {@link DslJsonCandidate} reads it. Allocates nothing.
     */
    static final class ValidatedDslJsonCandidate
    {
        private final byte[][] messages;
        private final CanonicalDecoder validator = new CanonicalDecoder();
        private final DslJsonCandidate reader;

        ValidatedDslJsonCandidate(final byte[][] messages)
        {
            this.messages = messages;
            this.reader = new DslJsonCandidate(messages);
        }

        long decode(final int index)
        {
            final byte[] message = messages[index];
            if (!validator.wrap(message, 0, message.length))
            {
                throw new IllegalStateException(validator.errorReason());
            }
            return reader.decode(index);
        }
    }
}
