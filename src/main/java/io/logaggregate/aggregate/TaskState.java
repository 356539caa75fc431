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
 * is always at {@link #deadlineMillis} + 1, so the stage derives it.
 *
 * <p>Small on the heap state backend (40 bytes per open task): each time is one long of nanoseconds
 * since the epoch, and what few tasks need (map_meta's timeouts, a time a long of nanoseconds does
 * not hold) is one reference, null for most tasks.
 *
 * <p>The map is kept packed ({@link PackedMap}): an open task is small on the heap state backend,
 * and the code calls unpack it straight into a Ruby Hash. The packed array is never changed in
 * place, so a copy of the state may share it.
 */
public final class TaskState implements AggregateCode.MapHolder {
    String taskId;
    byte[] packedMap = PackedMap.EMPTY;
    // nanoseconds since the epoch, or OUTSIDE: the time is in rare
    private long creationNanos;
    private long lastEventNanos;
    // map_meta's timeouts and times outside the range of creationNanos: null for most tasks
    private Rare rare;

    /** Epoch seconds whose every instant is a long of nanoseconds (1677 to 2262). */
    private static final long MAX_SECOND = Long.MAX_VALUE / 1_000_000_000L - 1;

    /** In {@link #creationNanos} or {@link #lastEventNanos}: the time is kept in {@link #rare}. */
    private static final long OUTSIDE = Long.MIN_VALUE;

    /**
     * map_meta's timeout and inactivity_timeout in seconds, each null when not set; the creation
     * and last-event times when outside the range of a long of nanoseconds, else null. Immutable.
     */
    private record Rare(Long timeout, Long inactivityTimeout, Instant creation, Instant lastEvent) {
        boolean empty() {
            return timeout == null
                    && inactivityTimeout == null
                    && creation == null
                    && lastEvent == null;
        }
    }

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
        return creationNanos == OUTSIDE ? rare.creation() : instant(creationNanos);
    }

    void setCreation(Instant creation) {
        creationNanos = nanos(creation);
        Instant exact = creationNanos == OUTSIDE ? creation : null;
        if (exact != null || (rare != null && rare.creation() != null)) {
            setRare(timeout(), inactivityTimeout(), exact, rare == null ? null : rare.lastEvent());
        }
    }

    /** The time of the task's last event. */
    Instant lastEvent() {
        return lastEventNanos == OUTSIDE ? rare.lastEvent() : instant(lastEventNanos);
    }

    void setLastEvent(Instant lastEvent) {
        lastEventNanos = nanos(lastEvent);
        Instant exact = lastEventNanos == OUTSIDE ? lastEvent : null;
        if (exact != null || (rare != null && rare.lastEvent() != null)) {
            setRare(timeout(), inactivityTimeout(), rare == null ? null : rare.creation(), exact);
        }
    }

    /** The time as nanoseconds since the epoch, or {@link #OUTSIDE} when a long cannot hold it. */
    private static long nanos(Instant t) {
        long second = t.getEpochSecond();
        if (second < -MAX_SECOND || second > MAX_SECOND) {
            return OUTSIDE;
        }
        return second * 1_000_000_000L + t.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(
                Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private long creationSecond() {
        return second(creationNanos, creationNanos == OUTSIDE ? rare.creation() : null);
    }

    private int creationNano() {
        return nano(creationNanos, creationNanos == OUTSIDE ? rare.creation() : null);
    }

    private long lastEventSecond() {
        return second(lastEventNanos, lastEventNanos == OUTSIDE ? rare.lastEvent() : null);
    }

    private int lastEventNano() {
        return nano(lastEventNanos, lastEventNanos == OUTSIDE ? rare.lastEvent() : null);
    }

    /** The epoch second of a time kept as {@link #nanos} or, when OUTSIDE, exactly. */
    private static long second(long nanos, Instant exact) {
        return exact != null ? exact.getEpochSecond() : Math.floorDiv(nanos, 1_000_000_000L);
    }

    /** The nano of second of a time kept as {@link #nanos} or, when OUTSIDE, exactly. */
    private static int nano(long nanos, Instant exact) {
        return exact != null ? exact.getNano() : (int) Math.floorMod(nanos, 1_000_000_000L);
    }

    /** map_meta's timeout (seconds) for this task, or null: the pattern's applies. */
    public Long timeout() {
        return rare == null ? null : rare.timeout();
    }

    /** map_meta's inactivity_timeout (seconds) for this task, or null: the pattern's applies. */
    public Long inactivityTimeout() {
        return rare == null ? null : rare.inactivityTimeout();
    }

    /** Sets map_meta's timeouts (null: unset). */
    void setTimeouts(Long timeout, Long inactivityTimeout) {
        if (!Objects.equals(timeout, timeout())
                || !Objects.equals(inactivityTimeout, inactivityTimeout())) {
            setRare(
                    timeout,
                    inactivityTimeout,
                    rare == null ? null : rare.creation(),
                    rare == null ? null : rare.lastEvent());
        }
    }

    private void setRare(
            Long timeout, Long inactivityTimeout, Instant creation, Instant lastEvent) {
        Rare r = new Rare(timeout, inactivityTimeout, creation, lastEvent);
        rare = r.empty() ? null : r;
    }

    /** Copies {@code from}'s fields (the map array and {@link #rare} are immutable: shared). */
    void copyFrom(TaskState from) {
        taskId = from.taskId;
        packedMap = from.packedMap;
        creationNanos = from.creationNanos;
        lastEventNanos = from.lastEventNanos;
        rare = from.rare;
    }

    /**
     * The moment the task expires: min(creation + timeout, last event + inactivity_timeout), each
     * from map_meta when set there, else from the pattern.
     */
    public Instant deadline(AggregatePattern p) {
        return byInactivity(p)
                ? Instant.ofEpochSecond(
                        Math.addExact(lastEventSecond(), inactivityTimeout(p)), lastEventNano())
                : Instant.ofEpochSecond(
                        Math.addExact(creationSecond(), timeout(p)), creationNano());
    }

    /**
     * {@link #deadline} in epoch milliseconds (as {@link Instant#toEpochMilli}), without making
     * Instants: the keyed stage asks on every event of the task.
     */
    public long deadlineMillis(AggregatePattern p) {
        long second;
        int nano;
        if (byInactivity(p)) {
            second = Math.addExact(lastEventSecond(), inactivityTimeout(p));
            nano = lastEventNano();
        } else {
            second = Math.addExact(creationSecond(), timeout(p));
            nano = creationNano();
        }
        return Math.addExact(Math.multiplyExact(second, 1000L), nano / 1_000_000);
    }

    /** Logstash's strict rule: expired once the reference time is past the deadline. */
    public boolean expiredAt(Instant ref, AggregatePattern p) {
        long second;
        int nano;
        if (byInactivity(p)) {
            second = Math.addExact(lastEventSecond(), inactivityTimeout(p));
            nano = lastEventNano();
        } else {
            second = Math.addExact(creationSecond(), timeout(p));
            nano = creationNano();
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
        long a = Math.addExact(creationSecond(), timeout(p));
        long b = Math.addExact(lastEventSecond(), inactivityTimeout(p));
        return a > b || (a == b && creationNano() > lastEventNano());
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
