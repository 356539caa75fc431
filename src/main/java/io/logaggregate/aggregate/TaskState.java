package io.logaggregate.aggregate;

import io.logaggregate.ruby.AggregateCode;
import io.logaggregate.ruby.PackedMap;
import java.time.Instant;
import java.util.Map;

/**
 * What the aggregate keeps per task (Logstash's Element): the map, its creation and last-event
 * times (event time or processing time, see {@link AggregatePattern#eventTime()}), the per-task
 * timeouts set through {@code map_meta}, and the timer currently registered for it.
 *
 * <p>The map is kept packed ({@link PackedMap}): an open task is small on the heap state backend,
 * and the code calls unpack it straight into a Ruby Hash. The packed array is never changed in
 * place, so a copy of the state may share it.
 */
public final class TaskState implements AggregateCode.MapHolder {
    String taskId;
    byte[] packedMap = PackedMap.EMPTY;
    // the two times as seconds and nanos rather than Instants: two objects less per open task
    private long creationSecond;
    private int creationNano;
    private long lastEventSecond;
    private int lastEventNano;
    Long timeout;
    Long inactivityTimeout;

    /** The registered timer's time (epoch ms), or Long.MIN_VALUE for none. */
    long timer = Long.MIN_VALUE;

    TaskState() {}

    TaskState(String taskId, Instant creation) {
        this.taskId = taskId;
        setCreation(creation);
        setLastEvent(creation);
    }

    public String taskId() {
        return taskId;
    }

    /** A copy of the map (a LinkedHashMap of event values, in insertion order). */
    public Map<String, Object> map() {
        return PackedMap.unpack(packedMap);
    }

    /** Replaces the map with (a packed copy of) {@code map}. */
    public void setMap(Map<String, Object> map) {
        this.packedMap = PackedMap.pack(map);
    }

    @Override
    public byte[] packedMap() {
        return packedMap;
    }

    @Override
    public void packedMap(byte[] packed) {
        this.packedMap = packed;
    }

    public Instant creation() {
        return Instant.ofEpochSecond(creationSecond, creationNano);
    }

    void setCreation(Instant creation) {
        creationSecond = creation.getEpochSecond();
        creationNano = creation.getNano();
    }

    /** The time of the task's last event. */
    Instant lastEvent() {
        return Instant.ofEpochSecond(lastEventSecond, lastEventNano);
    }

    void setLastEvent(Instant lastEvent) {
        lastEventSecond = lastEvent.getEpochSecond();
        lastEventNano = lastEvent.getNano();
    }

    /** The time (epoch ms) of the timer a keyed stage registered for this task. */
    public long timer() {
        return timer;
    }

    public void setTimer(long timer) {
        this.timer = timer;
    }

    /**
     * The moment the task expires: min(creation + timeout, last event + inactivity_timeout), each
     * from map_meta when set there, else from the pattern.
     */
    public Instant deadline(AggregatePattern p) {
        return byInactivity(p)
                ? Instant.ofEpochSecond(
                        Math.addExact(lastEventSecond, inactivityTimeout(p)), lastEventNano)
                : Instant.ofEpochSecond(Math.addExact(creationSecond, timeout(p)), creationNano);
    }

    /**
     * {@link #deadline} in epoch milliseconds (as {@link Instant#toEpochMilli}), without making
     * Instants: the keyed stage asks on every event of the task.
     */
    public long deadlineMillis(AggregatePattern p) {
        long second;
        int nano;
        if (byInactivity(p)) {
            second = Math.addExact(lastEventSecond, inactivityTimeout(p));
            nano = lastEventNano;
        } else {
            second = Math.addExact(creationSecond, timeout(p));
            nano = creationNano;
        }
        return Math.addExact(Math.multiplyExact(second, 1000L), nano / 1_000_000);
    }

    /** Logstash's strict rule: expired once the reference time is past the deadline. */
    public boolean expiredAt(Instant ref, AggregatePattern p) {
        long second;
        int nano;
        if (byInactivity(p)) {
            second = Math.addExact(lastEventSecond, inactivityTimeout(p));
            nano = lastEventNano;
        } else {
            second = Math.addExact(creationSecond, timeout(p));
            nano = creationNano;
        }
        long refSecond = ref.getEpochSecond();
        return refSecond > second || (refSecond == second && ref.getNano() > nano);
    }

    /** Which of the two limits of {@link #deadline} comes first (TIMEOUT when they are equal). */
    Expiry dueReason(AggregatePattern p) {
        return byInactivity(p) ? Expiry.INACTIVITY : Expiry.TIMEOUT;
    }

    /**
     * True when last event + inactivity_timeout comes strictly before creation + timeout (then the
     * inactivity limit is the deadline; on a tie, the timeout). Compared as (second, nano) pairs:
     * this runs on every event of the task, and Instants would be four objects each time.
     */
    private boolean byInactivity(AggregatePattern p) {
        long a = Math.addExact(creationSecond, timeout(p));
        long b = Math.addExact(lastEventSecond, inactivityTimeout(p));
        return a > b || (a == b && creationNano > lastEventNano);
    }

    private long timeout(AggregatePattern p) {
        return timeout != null ? timeout : p.timeoutSeconds();
    }

    private long inactivityTimeout(AggregatePattern p) {
        return inactivityTimeout != null ? inactivityTimeout : p.inactivityTimeoutSeconds();
    }
}
