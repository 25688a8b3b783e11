package io.ringstreamer.demo;

import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the documented demo commands true: every {@code ./ring-streamer ...} line in a code block of README.md and
 * docs/ parses as written (placeholders such as {@code FILE.jsonl}, {@code PORT} and {@code FEEDHOST} filled in),
 * and the cheap ones run, in the order the docs give them, and exit 0.
 *
 * <p>Cheap: the run ends by itself within seconds on one JVM. Not run here (each has its own test): a server or a
 * client of one ({@code --serve}, {@code --connect}, {@code --exchange-demo}), the live page, the cluster roles and
 * {@code --nodes}, and synthetic markets that run for minutes.
 */
class DocsCommandsTest
{
    private static final String PROMPT = "./ring-streamer";
    private static final Set<String> NOT_CHEAP = Set.of(
        "--serve", "--connect", "--exchange-demo", "--web", "--nodes", "--role");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldParseEveryDocumentedCommandAndRunTheCheapOnesWhenTheDocsShowThem(@TempDir final Path dir)
        throws Exception
    {
        final List<String> commands = documentedCommands();
        assertTrue(commands.size() >= 15, "documented ./ring-streamer commands found: " + commands);
        final List<String> wrong = new ArrayList<>();
        int ran = 0;
        for (final String command : commands)
        {
            for (final String[] args : variants(command, dir))
            {
                final String shown = String.join(" ", args);
                try
                {
                    DemoOptions.parse(args, name -> "documented-" + name);
                }
                catch (final IllegalArgumentException e)
                {
                    wrong.add(command + " (as " + shown + "): " + e.getMessage());
                    continue;
                }
                if (cheap(args))
                {
                    ran++;
                    final ByteArrayOutputStream out = new ByteArrayOutputStream();
                    final ByteArrayOutputStream err = new ByteArrayOutputStream();
                    final int status = new Demo(new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false);
                    if (status != 0 || out.size() + err.size() == 0)
                    {
                        wrong.add(command + " (as " + shown + ") exited " + status + ": " +
                            err.toString(StandardCharsets.UTF_8).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(ran >= 6, "cheap commands run: " + ran);
    }

    /** Each {@code ./ring-streamer} line inside a fenced block, joined with its {@code \} continuations. */
    private static List<String> documentedCommands() throws IOException
    {
        final List<Path> docs = new ArrayList<>();
        docs.add(RepoData.root().resolve("README.md"));
        try (Stream<Path> files = Files.walk(RepoData.root().resolve("docs")))
        {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        final List<String> commands = new ArrayList<>();
        for (final Path doc : docs)
        {
            boolean fenced = false;
            final List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++)
            {
                final String line = lines.get(i).strip();
                if (line.startsWith("```"))
                {
                    fenced = !fenced;
                }
                else if (fenced && line.startsWith(PROMPT))
                {
                    final StringBuilder command = new StringBuilder(withoutComment(line));
                    while (command.toString().endsWith("\\") && i + 1 < lines.size())
                    {
                        command.setLength(command.length() - 1);
                        command.append(' ').append(withoutComment(lines.get(++i).strip()));
                    }
                    commands.add(command.toString().strip());
                }
            }
        }
        return commands;
    }

    private static String withoutComment(final String line)
    {
        final int hash = line.indexOf(" #");
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    /**
     * The command's arguments with the placeholders filled in: one variant per optional {@code [...]} part left out
     * or put in, the first of {@code a|b|c} alternatives, paths under /tmp moved into {@code dir}.
     */
    private static List<String[]> variants(final String command, final Path dir)
    {
        // Documented /tmp paths move first, and only at the start of an argument: the repository itself may sit
        // under /tmp (.ci/run builds a copy there), and its data paths must stay as they are.
        final String filled = command.substring(PROMPT.length())
            .replaceAll("(?<=\\s)/tmp/", Matcher.quoteReplacement(dir.toString() + "/"))
            .replaceAll("(?i)\\bfile\\.jsonl\\b",
                Matcher.quoteReplacement(RepoData.path("seed/fake-api-data.jsonl").toString()))
            .replace("PORT", "40999")
            .replaceAll("\\b[A-Z]+HOST\\b", "127.0.0.1")
            .replace("--worker I ", "--worker 0 ")
            .replace(" j.jsonl", " " + dir.resolve("j.jsonl"))
            .replaceAll("([^\\s|]+)(?:\\|[^\\s|]+)+", "$1")
            .strip();
        final List<String[]> variants = new ArrayList<>();
        if (filled.contains("["))
        {
            variants.add(split(filled.replaceAll("\\s*\\[[^]]*]", "")));
            variants.add(split(filled.replaceAll("[\\[\\]]", "")));
        }
        else
        {
            variants.add(split(filled));
        }
        return variants;
    }

    private static String[] split(final String text)
    {
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    private static boolean cheap(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (NOT_CHEAP.contains(args[i]) || args[i].contains("-env") ||
                (args[i].equals("--synthetic") && i + 1 < args.length && !args[i + 1].endsWith("s")))
            {
                return false;
            }
        }
        return true;
    }
}
