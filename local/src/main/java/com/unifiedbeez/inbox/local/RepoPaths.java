package com.unifiedbeez.inbox.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository from wherever the runtime was started: template.yaml marks its root. */
public final class RepoPaths {
    public static final String TEMPLATE = "template.yaml";

    private RepoPaths() {
    }

    /** The nearest template.yaml in {@code start} or a folder above it. */
    public static Optional<Path> findTemplate(Path start) {
        return findUpwards(start, dir -> Files.isRegularFile(dir.resolve(TEMPLATE))).map(dir -> dir.resolve(TEMPLATE));
    }

    /**
     * The repository root: where template.yaml is; failing that, the nearest folder with both a
     * pom.xml and migrations/; failing that, {@code start} itself.
     */
    public static Path root(Path start) {
        return findUpwards(start, dir -> Files.isRegularFile(dir.resolve(TEMPLATE)))
                .or(() -> findUpwards(start, dir -> Files.isRegularFile(dir.resolve("pom.xml"))
                        && Files.isDirectory(dir.resolve("migrations"))))
                .orElse(start.toAbsolutePath().normalize());
    }

    private static Optional<Path> findUpwards(Path start, java.util.function.Predicate<Path> test) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (test.test(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
