package io.ringstreamer.demo;

import io.ringstreamer.testing.RepoData;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the docs true: every {@code ```java} block of README.md and docs/ compiles against the library (the way
 * {@link QuickStart} keeps the README's first example compiled), and every documented {@code -Dtest=} names a test
 * that exists, in a command that runs it.
 *
 * <p>A block is compiled as it stands, wrapped by what it is: type declarations become members of a class, a block
 * that ends with {@code ;} or {@code }} becomes a method's body, anything else an expression. The method's
 * parameters are the variables the block uses without declaring them, named in an HTML comment on the line before
 * the fence: {@code <!-- javac: Path jsonLines, Streamer streamer -->}; {@code <!-- javac: members of ResultListener -->}
 * makes the block the members of an abstract class implementing that interface. Each block sees the library's
 * exported packages, the optional modules', the test kit's, the demo's {@code EmaRsi} and a few of {@code java.*}.
 */
class DocsTest
{
    private static final Pattern JAVAC = Pattern.compile("<!--\\s*javac:\\s*(.*?)\\s*-->");
    private static final Pattern TYPE = Pattern.compile(
        "^(?:@\\w+\\s+)*(?:(?:public|final|abstract|static)\\s+)*(?:class|record|interface|enum)\\s", Pattern.DOTALL);
    private static final String IMPORTS = """
        import io.ringstreamer.*;
        import io.ringstreamer.source.*;
        import io.ringstreamer.source.live.*;
        import io.ringstreamer.format.*;
        import io.ringstreamer.worker.*;
        import io.ringstreamer.result.*;
        import io.ringstreamer.metrics.*;
        import io.ringstreamer.journal.*;
        import io.ringstreamer.cluster.*;
        import io.ringstreamer.micrometer.*;
        import io.ringstreamer.testkit.*;
        import io.ringstreamer.demo.indicators.EmaRsi;
        import io.ringstreamer.demo.indicators.EmaRsiView;
        import java.net.URI;
        import java.nio.file.Path;
        import java.time.Duration;
        import java.util.*;
        """;
    private static final Pattern DASH_D_TEST = Pattern.compile("-Dtest=([\\w#*,]+)");

    /** One {@code ```java} block: where it is, what the comment before it says, and its text. */
    private record Snippet(String file, int line, String javac, String code)
    {
        String className()
        {
            return "Doc_" + file.replaceAll("\\W", "_") + "_" + line;
        }

        String source()
        {
            final String trimmed = code.strip();
            final String body;
            if (javac.startsWith("members of "))
            {
                body = "abstract class Members implements " + javac.substring("members of ".length()) + "\n{\n" + code +
                    "}\n";
            }
            else if (TYPE.matcher(trimmed).lookingAt())
            {
                body = code;
            }
            else
            {
                final String last = lastCodeLine(trimmed);
                final String statements = last.endsWith(";") || last.endsWith("}") ? code : "Object value =\n" + code +
                    ";\n";
                body = "void run(" + javac + ") throws Exception\n{\n" + statements + "}\n";
            }
            return IMPORTS + "\n@SuppressWarnings(\"all\")\nclass " + className() + "\n{\n" + body + "}\n";
        }

        private static String lastCodeLine(final String code)
        {
            final String[] lines = code.split("\n");
            for (int i = lines.length - 1; i >= 0; i--)
            {
                final String line = lines[i].replaceAll("\\s*//.*$", "").strip();
                if (!line.isEmpty())
                {
                    return line;
                }
            }
            return "";
        }
    }

    @Test
    void shouldCompileEveryJavaSnippetWhenTheDocsShowCode() throws Exception
    {
        final List<Snippet> snippets = new ArrayList<>();
        for (final Path doc : docs())
        {
            snippets.addAll(snippets(doc));
        }
        assertTrue(snippets.size() >= 16, "the docs' Java blocks were not found: " + snippets.size());

        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        final List<JavaFileObject> sources = new ArrayList<>();
        for (final Snippet snippet : snippets)
        {
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + snippet.className() + ".java"),
                JavaFileObject.Kind.SOURCE)
            {
                @Override
                public CharSequence getCharContent(final boolean ignoreEncodingErrors)
                {
                    return snippet.source();
                }
            });
        }
        final Path out = Files.createTempDirectory("doc-snippets");
        final boolean compiled = javac.getTask(null, null, diagnostics,
            List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
            null, sources).call();

        final String errors = diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> where(snippets, d) + ": " + d.getMessage(null))
            .collect(Collectors.joining("\n"));
        assertEquals("", errors);
        assertTrue(compiled);
    }

    @Test
    void shouldNameAnExistingTestWhenADocumentedCommandSelectsTests() throws Exception
    {
        final Set<String> tests = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RepoData.root()))
        {
            files.filter(f -> f.toString().contains("/src/test/java/") && f.toString().endsWith(".java"))
                .forEach(f -> tests.add(f.getFileName().toString().replace(".java", "")));
        }
        int checked = 0;
        final List<String> wrong = new ArrayList<>();
        for (final Path doc : docs())
        {
            final String text = Files.readString(doc);
            final Matcher m = DASH_D_TEST.matcher(text);
            while (m.find())
            {
                final String command = command(text, m.start());
                for (final String name : m.group(1).split(","))
                {
                    final String test = name.replaceAll("#.*", "");
                    checked++;
                    if (!tests.contains(test))
                    {
                        wrong.add(doc.getFileName() + ": -Dtest names " + test + ", which is no test: " + command);
                    }
                }
                if (command.contains(" -am") && !command.contains("-Dsurefire.failIfNoSpecifiedTests=false"))
                {
                    wrong.add(doc.getFileName() + ": a reactor build with -Dtest= fails in the modules without that " +
                        "test unless it has -Dsurefire.failIfNoSpecifiedTests=false: " + command);
                }
            }
        }
        assertTrue(checked >= 4, "the documented -Dtest= commands were not found: " + checked);
        assertEquals(List.of(), wrong);
    }

    /** README.md and every Markdown file under docs/. */
    private static List<Path> docs() throws IOException
    {
        final List<Path> docs = new ArrayList<>();
        docs.add(RepoData.root().resolve("README.md"));
        try (Stream<Path> files = Files.walk(RepoData.root().resolve("docs")))
        {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<Snippet> snippets(final Path doc) throws IOException
    {
        final List<String> lines = Files.readAllLines(doc);
        final List<Snippet> snippets = new ArrayList<>();
        final String name = RepoData.root().relativize(doc).toString();
        for (int i = 0; i < lines.size(); i++)
        {
            if (!lines.get(i).strip().equals("```java"))
            {
                continue;
            }
            final Matcher javac = i > 0 ? JAVAC.matcher(lines.get(i - 1)) : JAVAC.matcher("");
            final StringBuilder code = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```"))
            {
                code.append(lines.get(j)).append('\n');
                j++;
            }
            snippets.add(new Snippet(name, i + 1, javac.find() ? javac.group(1) : "", code.toString()));
            i = j;
        }
        return snippets;
    }

    /** The command around {@code at}: from the {@code mvn} before it to the end of its code span or line. */
    private static String command(final String text, final int at)
    {
        final int start = text.lastIndexOf("mvn ", at);
        int end = text.indexOf('`', at);
        final int lineEnd = text.indexOf("\n\n", at);
        if (end < 0 || (lineEnd >= 0 && lineEnd < end))
        {
            end = lineEnd < 0 ? text.length() : lineEnd;
        }
        return text.substring(Math.max(0, start), end).replaceAll("\\s+", " ").strip();
    }

    private static String where(final List<Snippet> snippets, final Diagnostic<? extends JavaFileObject> d)
    {
        for (final Snippet snippet : snippets)
        {
            if (d.getSource() != null && d.getSource().getName().contains(snippet.className()))
            {
                final String source = snippet.source();
                final long header = source.substring(0, source.indexOf(snippet.code())).lines().count();
                return snippet.file() + ":" + (snippet.line() + d.getLineNumber() - header);
            }
        }
        return "?";
    }
}
