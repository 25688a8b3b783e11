package io.ringstreamer.demo;

import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./ring-streamer} launcher's first run, with {@code mvn} and {@code java} replaced by stubs on the
 * {@code PATH}: the stub {@code mvn} prints what a real build prints (escape codes included), so the test
 * checks what the user sees of it without building anything.
 */
@Timeout(60)
class LauncherScriptTest
{
    private static final String ESC = "\u001b";

    private static final List<String> MAVEN_OUTPUT = List.of(
        ESC + "[0m" + ESC + "[0m[INFO] Scanning for projects...",
        "[INFO] Building ring-streamer 0.1.0-SNAPSHOT                              [1/4]",
        "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a/b/1/b-1.pom",
        "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/a/b/1/b-1.pom (2 kB at 9 kB/s)",
        "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a/c/1/c-1.pom",
        "[INFO] --- maven-compiler-plugin:3.14.1:compile (default-compile) @ ring-streamer-core ---",
        "[INFO] Building ring-streamer core 0.1.0-SNAPSHOT                         [2/4]",
        "[INFO] Building ring-streamer journal 0.1.0-SNAPSHOT                      [3/4]",
        "[INFO] Building ring-streamer demo 0.1.0-SNAPSHOT                         [4/4]");

    private record Result(int status, String out, String err, String mavenArgs)
    {
    }

    private static Result launch(final Path dir, final List<String> mavenOutput, final int mavenStatus)
        throws IOException, InterruptedException
    {
        final Path repo = Files.createDirectories(dir.resolve("repo"));
        final Path script = Files.copy(RepoData.root().resolve("ring-streamer"), repo.resolve("ring-streamer"));
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        final Path output = Files.write(dir.resolve("maven-output.txt"), mavenOutput, StandardCharsets.UTF_8);
        final Path mavenArgs = dir.resolve("maven-args.txt");
        stub(bin.resolve("mvn"), "echo \"$@\" > '" + mavenArgs + "'\ncat '" + output + "'\nexit " + mavenStatus);
        stub(bin.resolve("java"), "echo \"java $*\"");

        final ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--help")
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        final Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher ended");
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt")),
            Files.readString(dir.resolve("err.txt")), Files.readString(mavenArgs));
    }

    private static void stub(final Path file, final String body) throws IOException
    {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        assertTrue(file.toFile().setExecutable(true));
    }

    @Test
    void shouldShowOnePlainLinePerModuleThenRunTheDemoWhenTheFirstBuildSucceeds(@TempDir final Path dir)
        throws Exception
    {
        final List<String> success = new ArrayList<>(MAVEN_OUTPUT);
        success.add("[INFO] BUILD SUCCESS");
        final Result result = launch(dir, success, 0);

        assertEquals(0, result.status, result.err);
        final Path jar = dir.resolve("repo/demo/target/ring-streamer-demo.jar");
        assertEquals("java -jar " + jar + " --help", result.out.strip());
        assertEquals(List.of(
            "Building the demo with Maven (first run, or the sources changed; about a minute)...",
            "  [1/4] ring-streamer",
            "  downloading plugins and dependencies into ~/.m2 (first build only)",
            "  [2/4] ring-streamer core",
            "  [3/4] ring-streamer journal",
            "  [4/4] ring-streamer demo",
            "Built " + jar), result.err.lines().toList());
        assertFalse(result.err.contains(ESC), "no escape codes");
        assertTrue(result.mavenArgs.contains("-B "), result.mavenArgs);
        assertFalse(result.mavenArgs.contains("-q"), result.mavenArgs);
    }

    @Test
    void shouldShowMavensErrorsAndNotRunTheDemoWhenTheBuildFails(@TempDir final Path dir) throws Exception
    {
        final List<String> failure = new ArrayList<>(MAVEN_OUTPUT.subList(0, 7));
        failure.add("[ERROR] COMPILATION ERROR : Foo.java:[3,1] class, interface, enum, or record expected");
        failure.add("[INFO] BUILD FAILURE");
        final Result result = launch(dir, failure, 1);

        assertEquals(1, result.status);
        assertEquals("", result.out, "the demo did not run");
        final List<String> err = result.err.lines().toList();
        assertEquals("  [2/4] ring-streamer core", err.get(3));
        assertEquals("Build failed; the end of Maven's log:", err.get(4));
        assertEquals(List.of(
            "[ERROR] COMPILATION ERROR : Foo.java:[3,1] class, interface, enum, or record expected",
            "[INFO] BUILD FAILURE"), err.subList(5, err.size()));
    }
}
