package com.unifiedbeez.inbox.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB's protocol on 127.0.0.1: dynalite (npm), run with the machine's Node.js, in memory. The
 * project pins it in {@code testkit/dynalite/package.json} and its lock file; the first start on a
 * machine runs {@code npm ci} there (under a file lock, so concurrent builds install once). Clients
 * point the AWS SDK's DynamoDB client at {@link #endpoint()}.
 *
 * <p>dynalite keeps TTL attributes but never expires items, and has no {@code UpdateTimeToLive}:
 * which is how DynamoDB looks to a reader between an item's expiry and its lazy deletion, so code
 * that compares the expiry with now is tested against exactly that.
 */
public final class EmbeddedDynamo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamo.class);
    /** Overrides where the project's dynalite folder is (the one holding its package.json). */
    public static final String DIRECTORY_PROPERTY = "inbox.dynalite.dir";
    private static final String CLI = "node_modules/dynalite/cli.js";
    private static final int START_ATTEMPTS = 3;
    private static final long START_TIMEOUT_MS = 20_000;

    private final Process process;
    private final int port;

    private EmbeddedDynamo(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts dynalite on a free port (on {@code port} when it is not 0) and returns once it answers. */
    public static EmbeddedDynamo start(int port) throws IOException {
        Path directory = directory();
        install(directory);
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? EmbeddedAws.freePort() : port;
            try {
                return launch(directory, chosen);
            } catch (IOException e) {
                // a free port can be taken between choosing and binding it: choose again
                if (port != 0 || attempt == START_ATTEMPTS) {
                    throw e;
                }
                LOG.info("{}; starting dynalite again on another port", e.getMessage());
            }
        }
    }

    public static EmbeddedDynamo start() throws IOException {
        return start(0);
    }

    public String endpoint() {
        return "http://" + EmbeddedAws.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static EmbeddedDynamo launch(Path directory, int port) throws IOException {
        Process process = new ProcessBuilder("node", CLI, "--host", EmbeddedAws.HOST, "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        // dynalite prints one line once it listens; a bind failure ends the process with its error
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("Dynalite listening")) {
                        ready.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IOException("dynalite exited"));
        }, "dynalite-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return new EmbeddedDynamo(process, port);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String said;
            synchronized (output) {
                said = String.join("\n", output);
            }
            throw new IOException("cannot start dynalite on " + EmbeddedAws.HOST + ":" + port + ": " + said, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while dynalite started", e);
        }
    }

    /** Runs {@code npm ci} in the dynalite folder unless dynalite is installed there already. */
    static void install(Path directory) throws IOException {
        if (Files.isRegularFile(directory.resolve(CLI))) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(directory.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.isRegularFile(directory.resolve(CLI))) {
                return; // another build installed it while this one waited
            }
            LOG.info("installing dynalite with npm ci in {}", directory);
            Path log = directory.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(directory.resolve(CLI))) {
                npm.destroyForcibly();
                throw new IOException("npm ci in " + directory + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm installed dynalite", e);
        }
    }

    /**
     * The project's dynalite folder: {@value #DIRECTORY_PROPERTY} when set, else found from the
     * working directory upwards (tests run in a module's folder, the local runtime in the repo's).
     */
    static Path directory() throws IOException {
        Optional<String> configured = Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY));
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath();
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            for (Path candidate : List.of(at.resolve("testkit/dynalite"), at.resolve("dynalite"))) {
                if (Files.isRegularFile(candidate.resolve("package.json"))
                        && Files.readString(candidate.resolve("package.json")).contains("\"dynalite\"")) {
                    return candidate;
                }
            }
        }
        throw new IOException("no testkit/dynalite/package.json above " + Path.of("").toAbsolutePath()
                + "; set -D" + DIRECTORY_PROPERTY);
    }
}
