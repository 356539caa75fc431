package io.logaggregate.io.elasticsearch;

import java.io.Serializable;

/**
 * Exponential backoff as Logstash's elasticsearch output does it: {@code retry_initial_interval},
 * doubled on each further failure up to {@code retry_max_interval}.
 */
record Backoff(long initialMillis, long maxMillis) implements Serializable {
    long delayMillis(int attempt) {
        long d = initialMillis;
        for (int i = 0; i < attempt && d < maxMillis; i++) {
            d *= 2;
        }
        return Math.min(d, maxMillis);
    }
}
