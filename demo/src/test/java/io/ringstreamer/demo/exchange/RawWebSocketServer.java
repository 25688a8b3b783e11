package io.ringstreamer.demo.exchange;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket server on a raw {@link ServerSocket} on loopback, for frames no real server library would
 * send: a fragment whose last frame never comes, binary frames, a message too large. Each connection is
 * handed to a script, on the server's one thread, in connection order; a connection ends when its script
 * returns (the socket is closed without a close frame). Tests only.
 */
final class RawWebSocketServer implements AutoCloseable
{
    /** What the server does with one connection. */
    interface Script
    {
        void run(int connection, Session session) throws Exception;
    }

    /** One accepted, upgraded connection. */
    static final class Session
    {
        private final DataInputStream in;
        private final OutputStream out;

        Session(final Socket socket) throws IOException
        {
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Reads the client's next text message (client frames are masked; control frames skipped). */
        String readText() throws IOException
        {
            final ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true)
            {
                final int first = in.readUnsignedByte();
                final int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126)
                {
                    length = in.readUnsignedShort();
                }
                else if (length == 127)
                {
                    length = in.readLong();
                }
                final byte[] mask = new byte[4];
                if ((second & 0x80) != 0)
                {
                    in.readFully(mask);
                }
                final byte[] payload = new byte[(int)length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++)
                {
                    payload[i] ^= mask[i & 3];
                }
                final int opcode = first & 0x0F;
                if (opcode >= 8)
                {
                    continue; // ping, pong, close: not a text message
                }
                message.write(payload);
                if ((first & 0x80) != 0)
                {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }

        /** A whole text message in one frame. */
        void sendText(final String text) throws IOException
        {
            frame(true, 1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One frame: {@code opcode} 1 text, 2 binary, 0 continuation; {@code fin} whether it ends its message. */
        void frame(final boolean fin, final int opcode, final byte[] payload) throws IOException
        {
            final ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126)
            {
                frame.write(payload.length);
            }
            else if (payload.length < 65_536)
            {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            }
            else
            {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8)
                {
                    frame.write((int)((long)payload.length >>> shift));
                }
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    private final ServerSocket server;
    private final Thread thread;
    /** Failures of scripts (other than the client going away), for the test to assert on. */
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    RawWebSocketServer(final Script script) throws IOException
    {
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> serve(script), "raw-websocket-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri(final String path)
    {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    private void serve(final Script script)
    {
        for (int connection = 0; !server.isClosed(); connection++)
        {
            try (Socket socket = server.accept())
            {
                socket.setTcpNoDelay(true);
                upgrade(socket);
                script.run(connection, new Session(socket));
            }
            catch (final IOException ex)
            {
                if (server.isClosed())
                {
                    return;
                }
            }
            catch (final Exception ex)
            {
                failures.add(ex);
            }
        }
    }

    private static void upgrade(final Socket socket) throws Exception
    {
        final InputStream in = socket.getInputStream();
        final StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n"))
        {
            final int next = in.read();
            if (next < 0)
            {
                throw new IOException("the client left during the handshake");
            }
            headers.append((char)next);
        }
        String key = null;
        for (final String line : headers.toString().split("\r\n"))
        {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:"))
            {
                key = line.substring(line.indexOf(':') + 1).strip();
            }
        }
        final byte[] digest = MessageDigest.getInstance("SHA-1")
            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        final String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n";
        socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws Exception
    {
        server.close();
        thread.join(5_000);
    }
}
