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
            Thread acceptor = new Thread(() -> accept(socket), "sqs-gate-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SQS gate on port " + port, e);
        }
    }

    @Override
    public synchronized void close() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        for (Socket s : connections) {
            closeQuietly(s);
        }
        connections.clear();
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
            connections.add(client);
            connections.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
            if (socket.isClosed()) { // closed while connecting: cut this one too
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
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
