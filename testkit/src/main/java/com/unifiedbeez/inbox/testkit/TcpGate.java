package com.unifiedbeez.inbox.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a fixed local port that can be closed (connection refused) and opened again on
 * the same port: the switch that takes "SQS" down without losing ElasticMQ's state.
 */
final class TcpGate implements AutoCloseable {
    private final String host;
    private final int port;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress target;
    private ServerSocket listener;
    private Thread acceptor;

    TcpGate(String host, int port) {
        this.host = host;
        this.port = port;
    }

    void target(InetSocketAddress value) {
        this.target = value;
    }

    synchronized boolean isOpen() {
        return listener != null;
    }

    synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
            listener = socket;
            acceptor = new Thread(() -> accept(socket), "sqs-gate-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SQS gate on port " + port, e);
        }
    }

    /** Closed when this returns: the port refuses connections and no open one carries another byte. */
    @Override
    public void close() {
        Thread accepting;
        synchronized (this) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            for (Socket s : connections) {
                closeQuietly(s);
            }
            connections.clear();
            accepting = acceptor;
            acceptor = null;
        }
        // A listener closed under a blocked accept() keeps listening, and may still accept, until that
        // call returns: the port refuses connections only once the accepting thread has left.
        try {
            accepting.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            relay(socket, client, upstream);
        }
    }

    /**
     * Starts relaying unless the gate was closed meanwhile. A closing listener can still hand out a
     * connection its accept() was completing, and a request relayed then would reach ElasticMQ
     * while "SQS is down"; checked under the gate's lock, so {@link #close()} either cuts this
     * connection or it never carries a byte.
     */
    private synchronized void relay(ServerSocket socket, Socket client, Socket upstream) {
        if (listener != socket) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        connections.add(client);
        connections.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // closed by either side or by the gate
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                connections.remove(from);
                connections.remove(to);
            }
        }, "sqs-gate-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
