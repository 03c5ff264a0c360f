package com.unifiedbeez.inbox.bench;

import java.util.SplittableRandom;
import java.util.UUID;

/** UUID v7 for a given time (the application makes its ids at write time; generated data is back-dated). */
final class Uuid7 {
    private Uuid7() {
    }

    static UUID at(long epochMicros, SplittableRandom random) {
        long millis = Math.floorDiv(epochMicros, 1000L);
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
