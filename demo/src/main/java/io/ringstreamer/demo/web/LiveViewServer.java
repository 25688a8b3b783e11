package io.ringstreamer.demo.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ringstreamer.metrics.MetricsSnapshot;
import io.ringstreamer.micrometer.PipelineMeterBinder;
import io.ringstreamer.Pipeline;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's live page ({@code --web}): a Jetty server that serves the page, its script and ECharts
 * (from the WebJar on the class path), a stream of Server-Sent Events at {@code /events?symbol=S}, and
 * the pipeline's meters in the Prometheus text format at {@code /metrics}.
 *
 * <p>One web thread ({@code ring-streamer-web}) samples the {@link LiveBoard} {@link #FRAMES_PER_SECOND}
 * times a second and writes each page a frame of what changed since its previous one. A write to a page
 * that has not finished the previous one is skipped (counted), not queued: a slow or frozen page gets
 * fewer, newer frames, and nothing the pipeline does ever waits for a page. The socket's send buffer is
 * kept small ({@link #SEND_BUFFER_BYTES}) so a page that stops reading is noticed within a frame or two
 * instead of megabytes of stale frames later.
 */
public final class LiveViewServer implements AutoCloseable
{
    public static final int FRAMES_PER_SECOND = 10;
    static final int SEND_BUFFER_BYTES = 64 * 1024;

    private static final String RESOURCES = "/io/ringstreamer/demo/web/";

    private final LiveBoard board;
    private final Server server;
    private final ServerConnector connector;
    private final CopyOnWriteArrayList<Page> pages = new CopyOnWriteArrayList<>();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Resource> resources;
    private final Thread sampler;
    private volatile Pipeline pipeline;
    private volatile boolean closed;
    // written by the web thread only; read by close() after joining it
    private long framesSent;
    private long framesSkipped;
    private long lastReceived;
    private long lastNanos;
    private double messagesPerSecond;

    private LiveViewServer(final LiveBoard board, final String host, final int port) throws IOException
    {
        this.board = board;
        this.resources = Map.of(
            "/", resource("index.html", "text/html; charset=utf-8"),
            "/app.js", resource("app.js", "text/javascript; charset=utf-8"),
            "/style.css", resource("style.css", "text/css; charset=utf-8"),
            "/echarts.min.js", echarts());
        final QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("ring-streamer-web-jetty");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptedSendBufferSize(SEND_BUFFER_BYTES);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking()
        {
            @Override
            public boolean handle(final Request request, final Response response, final Callback callback)
            {
                return serve(request, response, callback);
            }
        });
        sampler = new Thread(this::sample, "ring-streamer-web");
        sampler.setDaemon(true);
    }

    /**
     * Starts serving {@code board} on {@code host}:{@code port} (0: any free port) and the web thread.
     * The page shows the pipeline's health once {@link #attach} gives it the pipeline.
     */
    public static LiveViewServer start(final LiveBoard board, final String host, final int port) throws Exception
    {
        final LiveViewServer view = new LiveViewServer(board, host, port);
        view.server.start();
        view.sampler.start();
        return view;
    }

    /** The page's address. */
    public URI uri()
    {
        final String host = connector.getHost();
        final String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
    }

    /** The pipeline whose health the page shows and {@code /metrics} exposes. Once, any thread. */
    public void attach(final Pipeline pipeline)
    {
        new PipelineMeterBinder(pipeline).bindTo(prometheus);
        this.pipeline = pipeline;
    }

    /** Stops the web thread and the server; says how many frames were sent and skipped. */
    @Override
    public void close()
    {
        closed = true;
        LockSupport.unpark(sampler);
        try
        {
            sampler.join(TimeUnit.SECONDS.toMillis(5));
            server.stop();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            // stopping: nothing left to do about it
        }
    }

    /** After {@link #close()}: frames sent and skipped, one line. */
    public String report()
    {
        return "web: " + framesSent + " frames sent, " + framesSkipped + " skipped for slow pages";
    }

    /** The web thread: a frame to every page {@link #FRAMES_PER_SECOND} times a second until closed. */
    private void sample()
    {
        final FrameBuilder frames = new FrameBuilder(board);
        final long period = TimeUnit.SECONDS.toNanos(1) / FRAMES_PER_SECOND;
        long next = System.nanoTime();
        while (!closed)
        {
            final String health = health();
            for (final Page page : pages)
            {
                if (page.pending.get())
                {
                    framesSkipped++;
                    continue;
                }
                page.send(frames.frame(page.seen, health));
                framesSent++;
            }
            next += period;
            final long now = System.nanoTime();
            if (next - now < 0)
            {
                next = now; // behind (a stalled machine): no burst to catch up
            }
            LockSupport.parkNanos(next - now); // pacing only: nothing waits for this thread
        }
    }

    private String health()
    {
        final Pipeline watched = pipeline;
        if (watched == null)
        {
            return null;
        }
        final MetricsSnapshot m = watched.metrics().snapshot();
        final long now = System.nanoTime();
        if (lastNanos != 0 && now - lastNanos >= TimeUnit.MILLISECONDS.toNanos(500))
        {
            messagesPerSecond = (m.received() - lastReceived) * 1e9 / (now - lastNanos);
            lastReceived = m.received();
            lastNanos = now;
        }
        else if (lastNanos == 0)
        {
            lastReceived = m.received();
            lastNanos = now;
        }
        return FrameBuilder.health(m, messagesPerSecond, framesSkipped);
    }

    private boolean serve(final Request request, final Response response, final Callback callback)
    {
        final String path = Request.getPathInContext(request);
        if (path.equals("/events"))
        {
            final String symbol = Request.extractQueryParameters(request).getValue("symbol");
            final int selected = board.indexOf(symbol);
            final Page page = new Page(response, callback,
                new FrameBuilder.Seen(board.symbols().size(), selected >= 0 || board.symbols().isEmpty() ? selected : 0));
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            pages.add(page); // before the failure listener, so a page that fails at once is removed
            request.addFailureListener(page::end);
            page.send(": ring-streamer live view\n\n");
            return true;
        }
        if (path.equals("/metrics"))
        {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            response.write(true, ByteBuffer.wrap(prometheus.scrape().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        final Resource resource = resources.get(path);
        if (resource == null)
        {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, resource.type());
        response.write(true, ByteBuffer.wrap(resource.bytes()), callback);
        return true;
    }

    /** One connected page: its stream's response and what it has been sent. */
    private final class Page
    {
        final Response response;
        final Callback stream;
        final FrameBuilder.Seen seen;
        final AtomicBoolean pending = new AtomicBoolean();
        final AtomicBoolean ended = new AtomicBoolean();

        Page(final Response response, final Callback stream, final FrameBuilder.Seen seen)
        {
            this.response = response;
            this.stream = stream;
            this.seen = seen;
        }

        /** Writes one frame; the next is skipped until this one is written. */
        void send(final String frame)
        {
            pending.set(true);
            response.write(false, ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), Callback.from(
                () -> pending.set(false),
                this::end));
        }

        void end(final Throwable failure)
        {
            if (ended.compareAndSet(false, true))
            {
                pages.remove(this);
                stream.failed(failure);
            }
        }
    }

    private record Resource(byte[] bytes, String type)
    {
    }

    private static Resource resource(final String name, final String type) throws IOException
    {
        return new Resource(read(RESOURCES + name), type);
    }

    /** ECharts from its WebJar: the version from the WebJar's own Maven properties. */
    private static Resource echarts() throws IOException
    {
        final Properties pom = new Properties();
        try (InputStream in = LiveViewServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties"))
        {
            if (in == null)
            {
                throw new IOException("the ECharts WebJar is not on the class path");
            }
            pom.load(in);
        }
        return new Resource(read("/META-INF/resources/webjars/echarts/" + pom.getProperty("version") + "/dist/echarts.min.js"),
            "text/javascript; charset=utf-8");
    }

    private static byte[] read(final String name) throws IOException
    {
        try (InputStream in = LiveViewServer.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
