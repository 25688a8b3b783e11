package io.ringstreamer.demo.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page in a real browser: the demo as a child process with {@code --synthetic ... --web 0},
 * headless Chromium driven by Selenium (Debian's {@code chromium} and {@code chromium-driver}; skipped
 * where they are not installed). Rows appear and update, the candlestick chart renders, a click selects
 * a symbol (title, chart and book follow), and a page that stops keeping up (its CPU throttled 100 times
 * over, plus a second client that never reads its stream at all) does not hold the pipeline back: the
 * run delivers every message and ends, and the server reports the frames it skipped for them. Were the
 * listener waiting for a page, the client that never reads would stall it and the run would never end.
 * Leaves a screenshot in {@code target/live-view.png}. Prints each step's time, so a slow run says where
 * it was slow, and stops the browser's processes whatever happens (an interrupted {@code quit()} used
 * to leave Chromium running after a timeout).
 */
@Timeout(420) // every wait below has its own, shorter bound; at load 15 on 2 cores the 40 s run took 145 s
class LiveViewBrowserTest
{
    private static final int SYMBOLS = 20;
    private static final int RATE = 2_000;
    private static final int SECONDS = 40;
    private static final int THROTTLE_ANSWER_SECONDS = 10;

    @Test
    void shouldShowTheRunAndNeverHoldThePipelineBack() throws Exception
    {
        final Path chromium = executable("chromium", "chromium-browser", "google-chrome");
        final Path chromedriver = executable("chromedriver");
        assumeTrue(chromium != null && chromedriver != null,
            "no chromium or chromedriver on the PATH: the live page's browser test is skipped " +
            "(apt-get install chromium chromium-driver; .ci/run installs them)");

        try (DemoProcess demo = new DemoProcess("--synthetic", SYMBOLS + ":" + RATE + ":" + SECONDS + "s", "--indicators",
            "--quiet", "--web", "0"))
        {
            final URI page = demo.awaitWeb();
            final long start = System.nanoTime();
            // A client that never reads its stream, from the start: on a loaded machine the run can be over
            // before the browser steps below are (it once took 25 s to start a browser and show the page).
            final Socket neverReads = new Socket();
            neverReads.setReceiveBufferSize(4096);
            try
            {
                neverReads.connect(new InetSocketAddress(page.getHost(), page.getPort()));
            }
            catch (final java.io.IOException ex)
            {
                throw new AssertionError("cannot reach the page at " + page + " (" + ex + "); the demo, alive " +
                    demo.isAlive() + ", printed " + demo.stderr(), ex);
            }
            final OutputStream request = neverReads.getOutputStream();
            request.write(("GET /events?symbol=AAPL HTTP/1.1\r\nHost: " + page.getHost() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            request.flush();

            final ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
            final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            final ChromeDriver browser = new ChromeDriver(service, options);
            final List<ProcessHandle> browserProcesses = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList();
            step(start, "browser started");
            CompletableFuture<Void> throttle = null;
            try (neverReads)
            {
                browser.get(page.toString());
                final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

                // rows appear, with prices
                wait.until(d -> number(d, "return document.querySelectorAll('#symbols tbody tr').length") == SYMBOLS &&
                    !text(d, "#row-MSFT .last").equals("–"));
                step(start, "rows shown");
                // and update: the volume column only grows
                final String volume = text(browser, "#row-MSFT .volume");
                wait.until(d -> !text(d, "#row-MSFT .volume").equals(volume));

                // the chart renders: a canvas, and the ECharts instance holds candles of the first symbol
                wait.until(d -> number(d, "const c = echarts.getInstanceByDom(document.getElementById('chart'));" +
                    "return document.querySelector('#chart canvas') && c && c.getOption() && c.getOption().series.length" +
                    " && c.getOption().series[0].name === 'AAPL' ? c.getOption().series[0].data.length : 0") > 0);
                step(start, "rows updated, chart rendered");

                // a click selects a symbol: title, chart and book follow
                browser.findElement(By.id("row-NVDA")).click();
                wait.until(d -> text(d, "#sel-title").startsWith("NVDA"));
                wait.until(d -> "NVDA".equals(d.findElement(By.id("book")).getAttribute("data-symbol")) &&
                    number(d, "return document.querySelectorAll('#book tbody tr').length") > 0);
                wait.until(d -> number(d, "const c = echarts.getInstanceByDom(document.getElementById('chart'));" +
                    "return c.getOption().series.length && c.getOption().series[0].name === 'NVDA' ? " +
                    "c.getOption().series[0].data.length : 0") > 0);
                assertTrue(browser.findElement(By.id("row-NVDA")).getAttribute("class").contains("selected"));
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "live-view.png"), browser.getScreenshotAs(OutputType.BYTES));
                step(start, "symbol selected, screenshot taken");

                // The page falls behind too: its CPU throttled. Blink throttles the page's own thread and answers
                // the command from it, behind whatever the page has queued: on CI the answer once took longer than
                // the driver's 180 s read timeout. So the command is sent from a thread of its own and waited for
                // only briefly; an unanswered throttle means the page is behind already, which is the point.
                throttle = CompletableFuture.runAsync(
                    () -> browser.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 100)),
                    LiveViewBrowserTest::daemon);
                try
                {
                    throttle.get(THROTTLE_ANSWER_SECONDS, TimeUnit.SECONDS);
                    step(start, "page throttled");
                }
                catch (final TimeoutException ex)
                {
                    step(start, "page throttle not answered within " + THROTTLE_ANSWER_SECONDS + " s (the page is behind)");
                }

                assertEquals(0, demo.awaitExit(SECONDS + 240), String.valueOf(demo.stderr()));
                step(start, "the run ended");
            }
            finally
            {
                // the driver runs a session's commands one after another: quit() would wait behind an unanswered
                // throttle for the read timeout, so then the browser's processes are only killed
                stop(browser, browserProcesses, throttle == null || throttle.isDone());
            }
            final String summary = demo.last("summary:");
            assertTrue(summary != null, String.valueOf(demo.stderr()));
            assertTrue(DemoProcess.field(summary, "messages") >= (long)RATE * SECONDS, "every paced message: " + summary);
            assertEquals(0, DemoProcess.field(summary, "dropped"), summary);
            assertEquals(0, DemoProcess.field(summary, "in-flight"), summary);
            final String web = demo.last("web: ");
            final long skipped = Long.parseLong(web.replaceAll(".* ([0-9]+) skipped for slow pages$", "$1"));
            assertTrue(skipped > 0, "the client that never reads was skipped, not waited for: " + web);
        }
    }

    private static void step(final long start, final String what)
    {
        System.out.printf("LiveViewBrowserTest: %s after %,d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    }

    private static void daemon(final Runnable command)
    {
        final Thread thread = new Thread(command, "live-view-throttle");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Quits the browser (when {@code quit}) even when the test thread was interrupted (a timeout), then kills
     * whatever of its processes is still alive: chromedriver and every Chromium process it started.
     */
    private static void stop(final ChromeDriver browser, final List<ProcessHandle> processes, final boolean quit)
    {
        final boolean interrupted = Thread.interrupted(); // quit() waits on a future: it fails at once if interrupted
        final List<ProcessHandle> all = new ArrayList<>(processes);
        ProcessHandle.current().descendants().forEach(all::add); // started after the snapshot
        try
        {
            if (quit)
            {
                browser.quit();
            }
            else
            {
                System.out.println("LiveViewBrowserTest: a command is still unanswered; killing the browser");
            }
        }
        catch (final RuntimeException ex)
        {
            System.out.println("LiveViewBrowserTest: quit failed (" + ex.getClass().getSimpleName() + "); killing the browser");
        }
        finally
        {
            all.stream().filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String text(final WebDriver browser, final String selector)
    {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private static long number(final WebDriver browser, final String script)
    {
        final Object value = ((ChromeDriver)browser).executeScript(script);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** The first of {@code names} found on the PATH, or null. */
    private static Path executable(final String... names)
    {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String name : names)
        {
            for (final String directory : path.split(File.pathSeparator))
            {
                final Path candidate = Path.of(directory, name);
                if (!directory.isEmpty() && Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
