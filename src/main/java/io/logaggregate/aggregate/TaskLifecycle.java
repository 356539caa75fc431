package io.logaggregate.aggregate;

import io.logaggregate.event.Event;
import io.logaggregate.ruby.AggregateCode;
import io.logaggregate.ruby.EventCode;
import io.logaggregate.ruby.MapMeta;
import io.logaggregate.ruby.RubyCodeException;
import io.logaggregate.ruby.RubyEngine;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate semantics of one task_id pattern as a state machine over a {@link TaskStore},
 * without Flink (docs/aggregate-semantics.md). A task lives from the first event that creates its
 * map to the moment the map leaves memory:
 *
 * <ul>
 *   <li>{@link #arrive}: an event reaches a block of the pattern. A task past its deadline expires
 *       first; {@code map_action} decides whether the block runs; a new task may push the previous
 *       map ({@code push_previous_map_as_event}); the block's code runs on the map; {@code
 *       end_of_task} ends the task, {@code map_meta} timeout 0 expires it.
 *   <li>{@link #timedOut}: the stage's clock (a timer, a watermark, a scan) found the task past its
 *       deadline.
 *   <li>{@link #endOfInput}: a bounded input ended with the task open.
 * </ul>
 *
 * Every way a map leaves memory other than {@code end_of_task} goes through one method, {@link
 * #expire}, which counts it and builds the pushed event. Each call returns the events to run on
 * through the filter program, in order: the arriving event, the events its code made, the pushed
 * maps. The caller (a Flink stage, or a test) runs them and removes or keeps nothing itself.
 */
public final class TaskLifecycle implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskLifecycle.class);

    /**
     * How many times the end of input flushes a task that its own pushed event opened again (the
     * pushed event reaches another block of the pattern for the same task id). Past this, the task
     * is left open with a WARN: such a pipeline would otherwise never finish.
     */
    public static final int MAX_FLUSH_ROUNDS = 100;

    static final String TAG_EXCEPTION = "_aggregateexception";
    static final String TAG_FINAL_FLUSH = "_aggregatefinalflush";
    static final String TAG_TIMESTAMP_FAILURE = "_aggregatetimestampfailure";

    private final AggregatePattern pattern;

    /** The compiled code of each block, by program counter. */
    private transient AggregateCode[] codes;

    private transient EventCode timeoutCode;
    private transient TaskMetrics metrics;
    private transient long warningCounter;

    public TaskLifecycle(AggregatePattern pattern) {
        this.pattern = pattern;
    }

    public AggregatePattern pattern() {
        return pattern;
    }

    /** Compiles the Ruby snippets (once per parallel instance). */
    public void open(TaskMetrics metrics) throws Exception {
        this.metrics = metrics;
        RubyEngine ruby = RubyEngine.get();
        int maxPc = 0;
        for (AggregateBlock b : pattern.blocks) {
            maxPc = Math.max(maxPc, b.pc);
        }
        codes = new AggregateCode[maxPc + 1];
        for (AggregateBlock b : pattern.blocks) {
            codes[b.pc] = ruby.compileAggregateCode(b.code, b.where);
        }
        if (pattern.timeoutCode() != null) {
            timeoutCode = ruby.compileEventCode(pattern.timeoutCode(), pattern.timeoutCodeWhere());
        }
    }

    /**
     * {@code event} reaches the aggregate block {@code pc} of this pattern for task {@code taskId};
     * {@code now} is the processing time.
     */
    public List<Continuation> arrive(
            Event event, int pc, String taskId, Instant now, TaskStore store) throws Exception {
        AggregateBlock block = pattern.blockAt(pc);
        int next = pc + 1;
        Instant ref = pattern.eventTime() ? pattern.eventTimeOf(event) : now;
        if (ref == null) {
            // Logstash crashes the worker here (issue #121); we tag and pass the event on.
            LOG.warn(
                    "Aggregate: event has no usable timestamp in '{}' (task_id {}); passing it on"
                            + " untouched",
                    pattern.timeoutTimestampField(),
                    taskId);
            event.tag(TAG_TIMESTAMP_FAILURE);
            return List.of(new Continuation(event, next));
        }
        List<Event> pushed = new ArrayList<>(1);
        TaskState task = store.get(taskId);
        if (task != null && task.expiredAt(ref, pattern)) {
            // Expiry on arrival: the only expiry in batch mode, and exact in streaming too. The map
            // expired at its deadline, whenever we notice.
            store.remove(taskId);
            expire(task, task.dueReason(pattern), task.deadline(pattern), pushed);
            task = null;
        }
        if (task == null) {
            if (block.mapAction == MapAction.UPDATE) {
                return continuations(event, List.of(), pushed, next);
            }
            warnOnMapCount(store.size());
            if (pattern.pushPreviousMapAsEvent()) {
                TaskState previous = store.removeOldestOtherThan(taskId);
                if (previous != null) {
                    expire(previous, Expiry.PREVIOUS_MAP, ref, pushed);
                }
            }
            task = new TaskState(taskId, ref);
            metrics.taskCreated();
        } else if (block.mapAction == MapAction.CREATE) {
            return continuations(event, List.of(), pushed, next);
        }
        task.setLastEvent(ref);

        MapMeta meta =
                new MapMeta(taskId, task.creation(), ref, task.timeout(), task.inactivityTimeout());
        List<Event> made = new ArrayList<>(0);
        boolean ok = true;
        try {
            codes[pc].call(event, task, meta, made::add);
        } catch (RubyCodeException e) {
            ok = false;
            metrics.codeError();
            LOG.error(
                    "Aggregate exception occurred: {} (code at {}, task_id {}, event {})",
                    e.getMessage(),
                    block.where,
                    taskId,
                    event);
            event.tag(TAG_EXCEPTION);
        }
        task.setTimeouts(meta.getTimeout(), meta.getInactivityTimeout());

        boolean gone = false;
        if (block.endOfTask) {
            store.remove(taskId);
            metrics.taskEnded();
            gone = true;
        }
        if (isZero(task.timeout()) || isZero(task.inactivityTimeout())) {
            if (!gone) {
                store.remove(taskId);
            }
            gone = true;
            expire(task, Expiry.MAP_META, ref, pushed);
        }
        if (!gone) {
            store.put(task);
        }
        if (ok) {
            block.common.apply(event);
        }
        return continuations(event, made, pushed, next);
    }

    /**
     * The stage's clock found {@code task} past its deadline; the stage has removed it from its
     * store. The pushed map (if any) is stamped with the deadline in event time, else with {@code
     * now}, and runs on after the pattern's timeout block.
     */
    public List<Continuation> timedOut(TaskState task, Instant now) {
        return expireAfterFlushBlock(task, task.dueReason(pattern), now);
    }

    /**
     * A bounded input ended with {@code task} open; the stage has removed it from its store. As
     * {@link #timedOut}, but not counted as an expiry, and in processing time the pushed map is
     * tagged {@code _aggregatefinalflush}.
     */
    public List<Continuation> endOfInput(TaskState task, Instant now) {
        return expireAfterFlushBlock(task, Expiry.END_OF_INPUT, now);
    }

    private List<Continuation> expireAfterFlushBlock(TaskState task, Expiry reason, Instant now) {
        Instant at = pattern.eventTime() ? task.deadline(pattern) : now;
        List<Event> pushed = new ArrayList<>(1);
        expire(task, reason, at, pushed);
        return pushed.isEmpty()
                ? List.of()
                : List.of(new Continuation(pushed.get(0), pattern.flushPc() + 1));
    }

    /**
     * The one way a task's map leaves memory, other than {@code end_of_task}: counted, and pushed
     * as an event (Logstash's create_timeout_event) when {@code reason} pushes with this pattern's
     * options. The event is stamped {@code at} unless the map sets {@code @timestamp}.
     */
    private void expire(TaskState task, Expiry reason, Instant at, List<Event> pushed) {
        metrics.taskExpired(reason);
        if (!reason.pushes(pattern)) {
            return;
        }
        Event e = Event.fromMap(task.map(), at);
        if (pattern.timeoutTaskIdField() != null) {
            e.set(pattern.timeoutTaskIdField(), task.taskId);
        }
        for (String tag : pattern.timeoutTags()) {
            e.appendTag(e.sprintf(tag));
        }
        if (timeoutCode != null) {
            try {
                timeoutCode.call(e);
            } catch (RubyCodeException ex) {
                metrics.timeoutCodeError();
                LOG.error(
                        "Aggregate exception occurred: {} (timeout_code at {}, task_id {})",
                        ex.getMessage(),
                        pattern.timeoutCodeWhere(),
                        task.taskId);
                e.tag(TAG_EXCEPTION);
            }
        }
        if (reason == Expiry.END_OF_INPUT && !pattern.eventTime()) {
            e.tag(TAG_FINAL_FLUSH);
        }
        metrics.eventPushed();
        pushed.add(e);
    }

    /** Logs that {@link #MAX_FLUSH_ROUNDS} was reached with tasks still open. */
    public void warnFlushBoundReached(Object taskIds) {
        LOG.warn(
                "Aggregate: task_id pattern '{}': tasks {} were opened again by their own pushed"
                        + " events {} times at the end of the input; left open",
                pattern.taskId,
                taskIds,
                MAX_FLUSH_ROUNDS);
    }

    private static boolean isZero(Long v) {
        return v != null && v == 0L;
    }

    private static List<Continuation> continuations(
            Event event, List<Event> made, List<Event> pushed, int next) {
        List<Continuation> out = new ArrayList<>(1 + made.size() + pushed.size());
        out.add(new Continuation(event, next));
        for (Event e : made) {
            out.add(new Continuation(e, next));
        }
        for (Event e : pushed) {
            out.add(new Continuation(e, next));
        }
        return out;
    }

    /** Logstash's memory warning: every threshold/5 creations while over it. */
    private void warnOnMapCount(long count) {
        long threshold = pattern.mapCountWarningThreshold();
        if (threshold <= 0) {
            return;
        }
        if (count >= threshold) {
            if (warningCounter == 0) {
                LOG.warn(
                        "Aggregate filter memory warning: task_id pattern '{}' has {} maps in"
                                + " memory (threshold: {}).",
                        pattern.taskId,
                        count,
                        threshold);
            }
            warningCounter = (warningCounter + 1) % Math.max(threshold / 5, 1);
        } else {
            warningCounter = 0;
        }
    }
}
