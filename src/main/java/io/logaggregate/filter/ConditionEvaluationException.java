package io.logaggregate.filter;

import io.logaggregate.event.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A condition that cannot be evaluated for an event: {@code [a] > 100} where {@code [a]} is
 * missing, a string, an array, a hash. Since Logstash 8.16 ({@code ConditionalEvaluationError})
 * such an event takes neither the {@code if} nor the {@code else} branch: it leaves the pipeline
 * with a warning instead of stopping it. {@link #report} logs that warning, the first time for each
 * condition and then every 1000th time, with how many events it has cost so far.
 */
public final class ConditionEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConditionEvaluationException.class);
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    public ConditionEvaluationException(String message) {
        super(message, null, false, false);
    }

    /** Logs (rate-limited) that {@code event} was dropped by the condition at {@code where}. */
    public void report(String where, Event event) {
        long n = COUNTS.computeIfAbsent(where, k -> new AtomicLong()).incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn(
                    "Error in condition evaluation at {}: {}; the event is dropped, as Logstash"
                            + " does ({} so far). Guard the comparison, e.g. `if [f] and [f] > 1`."
                            + " Event: {}",
                    where,
                    getMessage(),
                    n,
                    event);
        }
    }
}
