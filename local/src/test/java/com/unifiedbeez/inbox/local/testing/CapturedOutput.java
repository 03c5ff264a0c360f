package com.unifiedbeez.inbox.local.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the local runtime prints (its log goes to System.out, see simplelogger.properties) while a
 * test runs, still echoed to the real output. Close it to stop capturing.
 */
public final class CapturedOutput implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedOutput() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static CapturedOutput start() {
        return new CapturedOutput();
    }

    public synchronized String text() {
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}
