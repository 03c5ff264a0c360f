package com.unifiedbeez.inbox.local.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Waiting for the local runtime's asynchronous work: ask again until there is an answer, with a deadline. */
public final class Eventually {
    private Eventually() {
    }

    /** {@code probe}'s first answer; fails after {@code patience} naming {@code what}. */
    public static <T> T within(Duration patience, String what, Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<T> answer = probe.call();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
