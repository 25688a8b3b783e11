package io.ringstreamer.demo;

import com.lmax.disruptor.RingBuffer;
import io.ringstreamer.Pipeline;
import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer app compiles and runs against the built artifacts alone: the core module as the reactor built it
 * (its jar under {@code mvn verify}) and the Disruptor jar, nothing else, with no JVM flags. The app is the sample
 * consumer's source ({@code samples/consumer}, which {@code .ci/run} also builds with Maven from the installed
 * artifacts); the JDK's {@code javac} and {@code java} run it as processes of their own.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModulePathTest
{
    private static final String SAMPLE_MODULE = "io.ringstreamer.sample";
    private static final String SAMPLE_MAIN = "io.ringstreamer.sample.ConsumerApp";

    @Test
    void shouldCompileAndRunAModularAppOnTheModulePath(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("classes");
        final String errors = compile(out, "--module-path", libraries(), sampleSources(true));
        assertEquals("", errors);
        assertTrue(Files.isRegularFile(out.resolve("module-info.class")));

        final List<String> lines = run("--module-path", out + File.pathSeparator + libraries(), "-m",
            SAMPLE_MODULE + "/" + SAMPLE_MAIN);
        assertEquals(List.of("bars=3 errors=0 app=" + SAMPLE_MODULE + " core=io.ringstreamer"), lines);
    }

    @Test
    void shouldCompileAndRunTheSameAppOnTheClassPath(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("classes");
        final String errors = compile(out, "-classpath", libraries(), sampleSources(false));
        assertEquals("", errors);

        final List<String> lines = run("-cp", out + File.pathSeparator + libraries(), SAMPLE_MAIN);
        assertEquals(List.of("bars=3 errors=0 app=classpath core=classpath"), lines);
    }

    @Test
    void shouldHideTheRingsShardsAndDeliveryFromAModule(@TempDir final Path dir) throws Exception
    {
        // The control: the same app compiles when it names exported classes, so the failure below is the module's.
        assertEquals("", compileApp(dir.resolve("control"), List.of(
            "io.ringstreamer.Pipeline", "io.ringstreamer.source.OverflowPolicy", "io.ringstreamer.format.EntryView")));

        final List<String> hidden = List.of(
            "io.ringstreamer.inbound.InboundEvent",
            "io.ringstreamer.shard.SymbolWorker",
            "io.ringstreamer.delivery.ResultEvent",
            "io.ringstreamer.format.internal.JsonScanner");
        final String errors = compileApp(dir.resolve("hidden"), hidden);
        for (final String type : hidden)
        {
            final String pkg = type.substring(0, type.lastIndexOf('.'));
            assertTrue(errors.contains("error: package " + pkg + " is not visible"), errors);
        }
        assertEquals(hidden.size(), errors.split("declared in module io.ringstreamer, which does not export it", -1).length - 1,
            errors);
    }

    /** Compiles a module {@code app} whose one class names each of {@code types}; returns the compiler's errors. */
    private static String compileApp(final Path dir, final List<String> types) throws IOException, InterruptedException
    {
        final Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires io.ringstreamer; }\n");
        final StringBuilder main = new StringBuilder("package app;\npublic class Main {\n");
        for (int i = 0; i < types.size(); i++)
        {
            main.append("    static final Class<?> TYPE").append(i).append(" = ").append(types.get(i)).append(".class;\n");
        }
        Files.writeString(src.resolve("app/Main.java"), main.append("}\n"));
        return compile(dir.resolve("classes"), "--module-path", libraries(),
            List.of(src.resolve("module-info.java"), src.resolve("app/Main.java")));
    }

    /** Runs the JDK's {@code javac} (a process of its own: nothing of this JVM's class path leaks in). */
    private static String compile(final Path out, final String pathOption, final String path, final List<Path> sources)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(tool("javac"), "-d", out.toString(), pathOption, path,
            "-Xlint:all", "-Werror"));
        sources.forEach(source -> command.add(source.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final int status = process.waitFor();
        assertEquals(status == 0, output.isEmpty(), output);
        return output;
    }

    /** Runs the app with the JDK's {@code java} and no other option than {@code args}; returns its output lines. */
    private static List<String> run(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(tool("java"));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.lines().toList();
    }

    private static String tool(final String name)
    {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** The sample consumer's sources, with or without its module descriptor. */
    private static List<Path> sampleSources(final boolean withDescriptor) throws IOException
    {
        try (Stream<Path> files = Files.walk(RepoData.root().resolve("samples/consumer/src/main/java")))
        {
            final List<Path> sources = files
                .filter(file -> file.toString().endsWith(".java"))
                .filter(file -> withDescriptor || !file.getFileName().toString().equals("module-info.java"))
                .sorted()
                .toList();
            assertEquals(withDescriptor ? 2 : 1, sources.size(), sources.toString());
            return sources;
        }
    }

    /** The core module as built (a jar, or its classes folder before packaging) and the Disruptor jar. */
    private static String libraries()
    {
        return location(Pipeline.class) + File.pathSeparator + location(RingBuffer.class);
    }

    private static Path location(final Class<?> type)
    {
        try
        {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
