package io.logaggregate.aggregate;

import io.logaggregate.ruby.AggregateCode;
import io.logaggregate.ruby.PackedMap;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the aggregate keeps per task (Logstash's Element): the map, its creation and last-event
 * times (event time or processing time, see {@link AggregatePattern#eventTime()}) and the per-task
 * timeouts set through {@code map_meta}. The keyed stage's timer for the task is not kept here: it
 * is always at {@link #deadlineMillis} + 1, so the stage derives it (48 bytes per open task on the
 * heap state backend instead of 64).
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
    // map_meta's timeouts, set by few pipelines: one reference, null for most tasks
    private Timeouts timeouts;

    /** map_meta's timeout and inactivity_timeout in seconds, each null when not set. */
    private record Timeouts(Long timeout, Long inactivityTimeout) {}

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

    /** map_meta's timeout (seconds) for this task, or null: the pattern's applies. */
    public Long timeout() {
        return timeouts == null ? null : timeouts.timeout();
    }

    /** map_meta's inactivity_timeout (seconds) for this task, or null: the pattern's applies. */
    public Long inactivityTimeout() {
        return timeouts == null ? null : timeouts.inactivityTimeout();
    }

    /** Sets map_meta's timeouts (null: unset). */
    void setTimeouts(Long timeout, Long inactivityTimeout) {
        if (timeout == null && inactivityTimeout == null) {
            timeouts = null;
        } else if (!Objects.equals(timeout, timeout())
                || !Objects.equals(inactivityTimeout, inactivityTimeout())) {
            timeouts = new Timeouts(timeout, inactivityTimeout);
        }
    }

    /** Copies {@code from}'s fields (the map array and the timeouts are immutable: shared). */
    void copyFrom(TaskState from) {
        taskId = from.taskId;
        packedMap = from.packedMap;
        creationSecond = from.creationSecond;
        creationNano = from.creationNano;
        lastEventSecond = from.lastEventSecond;
        lastEventNano = from.lastEventNano;
        timeouts = from.timeouts;
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
        Long t = timeout();
        return t != null ? t : p.timeoutSeconds();
    }

    private long inactivityTimeout(AggregatePattern p) {
        Long it = inactivityTimeout();
        return it != null ? it : p.inactivityTimeoutSeconds();
    }
}
