package io.ringstreamer.shard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The shard's symbol table against a {@link HashMap}: random puts and removes (backward-shift
 * deletion), checked after every step by looking up every symbol of the universe, by its bytes and
 * by its id.
 */
@Timeout(60)
class SymbolTableTest
{
    @Test
    void shouldAgreeWithAHashMapWhenSymbolsArePutAndRemovedAtRandom()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            final Random random = new Random(seed);
            // A small universe keeps the table dense (long probe runs that wrap around) and collisions frequent.
            final int universeSize = 1 + random.nextInt(seed % 3 == 0 ? 12 : 60);
            final List<String> universe = new ArrayList<>();
            for (int i = 0; i < universeSize; i++)
            {
                universe.add(randomSymbol(random));
            }
            final SymbolTable table = new SymbolTable(random.nextInt(4));
            final Map<String, SymbolWorker> expected = new HashMap<>();
            for (int step = 0; step < 400; step++)
            {
                final String symbol = universe.get(random.nextInt(universe.size()));
                if (random.nextInt(100) < 55)
                {
                    final SymbolWorker worker = new SymbolWorker(symbol, step);
                    table.put(worker);
                    expected.put(symbol, worker);
                }
                else
                {
                    assertSame(expected.remove(symbol), table.remove(symbol), "seed " + seed + " step " + step);
                }
                assertAgree(expected, table, universe, "seed " + seed + " step " + step);
            }
        }
    }

    @Test
    void shouldFindEveryOtherSymbolWhenOneOfACollidingRunIsRemoved()
    {
        // 8 slots: fill most of them, then remove each in turn from a fresh table.
        final List<String> symbols = List.of("A", "B", "C", "D", "AA", "AB", "AC");
        for (final String victim : symbols)
        {
            final SymbolTable table = new SymbolTable(1);
            final Map<String, SymbolWorker> expected = new HashMap<>();
            for (final String symbol : symbols)
            {
                final SymbolWorker worker = new SymbolWorker(symbol, expected.size());
                table.put(worker);
                expected.put(symbol, worker);
            }
            assertSame(expected.remove(victim), table.remove(victim));
            assertNull(table.remove(victim), "removed twice");
            assertAgree(expected, table, symbols, victim);
        }
    }

    private static void assertAgree(
        final Map<String, SymbolWorker> expected, final SymbolTable table, final List<String> universe, final String where)
    {
        assertEquals(expected.size(), table.size(), where);
        final int[] visited = new int[1];
        table.forEach(worker ->
        {
            assertSame(expected.get(worker.symbol()), worker, where);
            visited[0]++;
        });
        assertEquals(expected.size(), visited[0], where);
        for (final String symbol : universe)
        {
            final byte[] padded = ("xx" + symbol + "yy").getBytes(StandardCharsets.US_ASCII);
            assertSame(expected.get(symbol), table.find(padded, 2, symbol.length()), where + ": " + symbol);
            assertEquals(expected.containsKey(symbol) ? expected.get(symbol).symbolId() : -1,
                table.idOf(padded, 2, symbol.length()), where + ": id of " + symbol);
        }
        // By id: exactly the workers held, each under its own id.
        final java.util.Set<SymbolWorker> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        held.addAll(expected.values());
        for (int id = -1; id < 420; id++)
        {
            final SymbolWorker byId = table.byId(id);
            if (byId != null)
            {
                assertEquals(id, byId.symbolId(), where);
                assertEquals(true, held.contains(byId), where + ": id " + id + " still finds " + byId.symbol());
            }
        }
        for (final SymbolWorker worker : expected.values())
        {
            assertSame(worker, table.byId(worker.symbolId()), where + ": by id " + worker.symbolId());
        }
    }

    private static String randomSymbol(final Random random)
    {
        final int length = 1 + random.nextInt(4);
        final StringBuilder symbol = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            symbol.append((char)('A' + random.nextInt(4)));
        }
        return symbol.toString();
    }
}
