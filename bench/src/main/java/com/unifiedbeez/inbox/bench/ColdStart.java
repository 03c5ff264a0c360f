package com.unifiedbeez.inbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Part D: cold start of the conversations function. Each run is a fresh JVM with nothing on the
 * class path but the deployed jar and the one-class runner (src/coldstart/java), configured through
 * the environment like a Lambda container, answering one list request against the bench database.
 * Its floor: the same flags, the PostgreSQL driver and a runner that opens one connection and runs
 * {@code SELECT 1} (BareJdbcRunner).
 */
final class ColdStart {
    static final double TARGET_MS = 1000;

    /**
     * JVM flags for a run. {@code archive}: the variant uses an application class-data-sharing archive,
     * made first by one training run of the same runner with -XX:ArchiveClassesAtExit.
     */
    record Variant(String name, String javaToolOptions, Path archive) {
        Variant(String name, String javaToolOptions) {
            this(name, javaToolOptions, null);
        }

        /** The same flags for the floor's runner, with an archive of its own (trained on it). */
        Variant forFloor() {
            return new Variant(name, javaToolOptions, archive == null ? null
                    : archive.resolveSibling(archive.getFileName().toString().replace(".jsa", "-bare.jsa")));
        }

        String runOptions() {
            String base = javaToolOptions == null ? "" : javaToolOptions;
            return archive == null ? (base.isEmpty() ? null : base) : (base + " -XX:SharedArchiveFile=" + archive).strip();
        }
    }

    record Run(int exitCode, double processStartToAnswerMs, double jvmStartToAnswerMs, double jvmStartToMainMs,
               double handlerConstructionMs, double firstRequestMs, double parentToAnswerMs, double parentToExitMs,
               int status) {
    }

    /** What a run starts: a class path, and the main class with its arguments. */
    record Subject(String name, List<Path> classPath, String mainClass, List<String> args) {
    }

    /** {@code bare}: the floor, the same variant's runs of the bare JVM + JDBC runner (null for the floor itself). */
    record Result(Variant variant, List<Run> runs, Map<String, Double> medians, double othersCpuPercent, Result bare) {
        Result withBare(Result floor) {
            return new Result(variant, runs, medians, othersCpuPercent, floor);
        }

        /** Process start → answer, against the bare JVM's process start → SELECT 1 answered. */
        Floor floor() {
            return bare == null ? null : new Floor("process start → answer ms", medians.get("processStartToAnswerMs"),
                    bare.medians().get("processStartToAnswerMs"), Floor.COLD_START);
        }
    }

    /** The conversations function's runner: one list request through the handler. */
    static Subject function(Path jar, Path runnerJar, Workload workload) {
        return new Subject("conversations", List.of(jar, runnerJar), "ColdStartRunner", List.of(
                workload.organization.toString(), workload.admin.user().toString(), "admin"));
    }

    /** The floor's runner: the PostgreSQL driver, one connection, SELECT 1. */
    static Subject bare(Path runnerJar) throws java.net.URISyntaxException {
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new Subject("bare JVM + JDBC", List.of(driver, runnerJar), "BareJdbcRunner", List.of());
    }

    private ColdStart() {
    }

    /**
     * Compiles a runner (one class) against {@code classPath} alone (so it cannot lean on anything
     * else) and packs its one class into {@code out/<name>.jar} (a jar, not a folder: CDS archives
     * refuse non-empty folders on the class path). Returns the runner jar.
     */
    static Path compileRunner(Path source, String classPath, Path out) throws IOException {
        String name = source.getFileName().toString().replace(".java", "");
        Path classes = out.resolve("classes-" + name);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JDK is needed, not a JRE)");
        }
        int rc = javac.run(null, null, null, "--release", "17", "-proc:none", "-cp", classPath, "-d",
                classes.toString(), source.toString());
        if (rc != 0) {
            throw new IllegalStateException("cannot compile " + source);
        }
        Path runnerJar = out.resolve(name + ".jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var zip = new java.util.jar.JarOutputStream(Files.newOutputStream(runnerJar), manifest)) {
            zip.putNextEntry(new java.util.jar.JarEntry(name + ".class"));
            zip.write(Files.readAllBytes(classes.resolve(name + ".class")));
            zip.closeEntry();
        }
        return runnerJar;
    }

    static Result run(Variant variant, int runs, Subject subject, String jdbcUrl, CpuMeter meter) throws Exception {
        List<Run> results = new ArrayList<>();
        if (variant.archive() != null) {
            Files.deleteIfExists(variant.archive());
            String base = variant.javaToolOptions() == null ? "" : variant.javaToolOptions() + " ";
            once(base + "-XX:ArchiveClassesAtExit=" + variant.archive(), subject, jdbcUrl);
            if (!Files.isRegularFile(variant.archive())) {
                throw new IllegalStateException("the training run wrote no CDS archive at " + variant.archive());
            }
        }
        CpuMeter.Snapshot before = null;
        // One discarded run first: the jar's pages come into the OS cache, as on a warm Lambda host.
        for (int i = 0; i <= runs; i++) {
            Run run = once(variant.runOptions(), subject, jdbcUrl);
            if (i == 0) {
                before = meter.snapshot();
                continue;
            }
            results.add(run);
            System.out.printf(Locale.ROOT, "  cold   %-22s %s run %d: process start -> answer %6.0f ms"
                            + " (JVM start -> answer %4.0f, handler %4.0f, first request %4.0f; parent saw %4.0f ms,"
                            + " exit %4.0f ms) status %d%n",
                    variant.name(), subject.name(), i, run.processStartToAnswerMs(), run.jvmStartToAnswerMs(),
                    run.handlerConstructionMs(), run.firstRequestMs(), run.parentToAnswerMs(), run.parentToExitMs(),
                    run.status());
        }
        double others = CpuMeter.othersPercent(before, meter.snapshot());
        System.out.printf(Locale.ROOT, "  cold   %-22s %s: other processes used %.0f%% of the machine's CPU meanwhile%n",
                variant.name(), subject.name(), others);
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("processStartToAnswerMs", Stats.median(results.stream().mapToDouble(Run::processStartToAnswerMs).toArray()));
        medians.put("jvmStartToAnswerMs", Stats.median(results.stream().mapToDouble(Run::jvmStartToAnswerMs).toArray()));
        medians.put("jvmStartToMainMs", Stats.median(results.stream().mapToDouble(Run::jvmStartToMainMs).toArray()));
        medians.put("handlerConstructionMs", Stats.median(results.stream().mapToDouble(Run::handlerConstructionMs).toArray()));
        medians.put("firstRequestMs", Stats.median(results.stream().mapToDouble(Run::firstRequestMs).toArray()));
        medians.put("parentToAnswerMs", Stats.median(results.stream().mapToDouble(Run::parentToAnswerMs).toArray()));
        medians.put("parentToExitMs", Stats.median(results.stream().mapToDouble(Run::parentToExitMs).toArray()));
        return new Result(variant, results, medians, others, null);
    }

    private static Run once(String javaToolOptions, Subject subject, String jdbcUrl) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", String.join(java.io.File.pathSeparator,
                subject.classPath().stream().map(Path::toString).toList()), subject.mainClass()));
        command.addAll(subject.args());
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("CLASSPATH");
        if (javaToolOptions != null) {
            env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        env.put("INBOX_DB_URL", jdbcUrl);
        env.put("INBOX_DB_USER", "postgres");
        env.put("INBOX_DB_PASSWORD", "postgres");
        env.put("AWS_REGION", "eu-west-2");
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process process = pb.start();
        double answered = -1;
        JsonNode json = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("COLDSTART ")) {
                    answered = (System.nanoTime() - t0) / 1e6;
                    json = Workload.parse(line.substring("COLDSTART ".length()));
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the cold-start runner did not exit within 60 s");
        }
        double exited = (System.nanoTime() - t0) / 1e6;
        if (json == null || process.exitValue() != 0) {
            throw new IllegalStateException("the cold-start runner failed (exit " + process.exitValue() + "):\n"
                    + output);
        }
        return new Run(process.exitValue(), json.path("processStartToAnswerMs").asDouble(),
                json.path("jvmStartToAnswerMs").asDouble(), json.path("jvmStartToMainMs").asDouble(),
                json.path("handlerConstructionMs").asDouble(), json.path("firstRequestMs").asDouble(), answered,
                exited, json.path("status").asInt());
    }
}
