package io.ringstreamer.metrics;

import io.ringstreamer.Pipeline;
import io.ringstreamer.testing.CollectingListener;
import io.ringstreamer.testing.CyclingStreamer;
import io.ringstreamer.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics an application can reach are read-only: nothing in the public API writes a counter. */
@Timeout(60)
class MetricsViewTest
{
    private static final Set<Class<?>> READABLE = Set.of(long.class, boolean.class, int.class, String.class,
        Map.class, MetricsSnapshot.class);

    @Test
    void shouldExposeNoMutatorInThePublicMetricsApi() throws Exception
    {
        final List<Class<?>> types = publicTypesOfThePackage();
        assertTrue(types.contains(PipelineMetrics.class) && types.contains(MetricsSnapshot.class), types.toString());
        for (final Class<?> type : types)
        {
            for (final Method method : type.getDeclaredMethods())
            {
                if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic())
                {
                    continue;
                }
                assertTrue(READABLE.contains(method.getReturnType()),
                    type.getSimpleName() + "." + method.getName() + " returns " + method.getReturnType());
            }
            for (final Field field : type.getDeclaredFields())
            {
                assertFalse(Modifier.isPublic(field.getModifiers()), type.getSimpleName() + "." + field.getName());
            }
            for (final Constructor<?> constructor : type.getDeclaredConstructors())
            {
                // A record's constructor makes an immutable copy; nothing else may be made by the user.
                assertTrue(type.isRecord() || !Modifier.isPublic(constructor.getModifiers()),
                    type.getSimpleName() + " has a public constructor");
            }
        }
    }

    @Test
    void shouldHandOutAViewThatCannotBeCastToAnythingThatWrites() throws Exception
    {
        assertEquals(PipelineMetrics.class, Pipeline.class.getMethod("metrics").getReturnType());
        final List<String> symbols = SyntheticBars.symbols(4);
        try (Pipeline pipeline = Pipeline.builder().symbols(symbols)
            .streamer(new CyclingStreamer(SyntheticBars.messages(symbols, 2, 8, 3), 100))
            .listener(new CollectingListener())
            .build()
            .start())
        {
            pipeline.awaitTermination();
            final PipelineMetrics metrics = pipeline.metrics();
            final Class<?> view = metrics.getClass();
            assertFalse(Modifier.isPublic(view.getModifiers()), view + " is public");
            for (final Method method : view.getDeclaredMethods())
            {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
                {
                    assertTrue(declaredBy(method, PipelineMetrics.class) || method.getName().equals("toString"),
                        "the view adds " + method);
                }
            }
            assertEquals(100, metrics.received());
            assertEquals(100, metrics.processed());
            assertEquals(metrics.snapshot().received(), metrics.received());
            assertThrows(UnsupportedOperationException.class, () -> metrics.snapshot().errorsByKind().clear());
        }
    }

    private static boolean declaredBy(final Method method, final Class<?> type)
    {
        try
        {
            type.getMethod(method.getName(), method.getParameterTypes());
            return true;
        }
        catch (final NoSuchMethodException ex)
        {
            return false;
        }
    }

    /** Every public class of {@code io.ringstreamer.metrics}, found among the compiled classes. */
    private static List<Class<?>> publicTypesOfThePackage() throws Exception
    {
        final Path classes = Path.of(PipelineMetrics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final String packageName = PipelineMetrics.class.getPackageName();
        final List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve(packageName.replace('.', '/'))))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class"))
                {
                    final Class<?> type = Class.forName(packageName + "." + name.substring(0, name.length() - 6));
                    if (Modifier.isPublic(type.getModifiers()))
                    {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }
}
