package io.logaggregate.aggregate;

import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import io.logaggregate.ruby.AggregateCode;
import io.logaggregate.ruby.EventCode;
import io.logaggregate.ruby.MapMeta;
import io.logaggregate.ruby.RubyCodeException;
import io.logaggregate.ruby.RubyEngine;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate filter's logic for one task_id pattern, independent of how state is kept
 * (aggregate-semantics.md §3), with the fixes DESIGN.md makes on purpose: a pushed map is never
 * lost, a bad timestamp field tags the event instead of crashing, and a pushed event's
 * {@code @timestamp} is the moment its task expired.
 */
final class AggregateProcessor implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateProcessor.class);

    static final String TAG_EXCEPTION = "_aggregateexception";
    static final String TAG_FINAL_FLUSH = "_aggregatefinalflush";
    static final String TAG_TIMESTAMP_FAILURE = "_aggregatetimestampfailure";

    /** Continues an event through the program from instruction {@code pc}. */
    interface Resume {
        void resume(Event event, int pc) throws Exception;
    }

    private final AggregatePattern pattern;

    private transient Map<Integer, AggregateCode> codes;
    private transient EventCode timeoutCode;
    private transient Counter pushedEvents;
    private transient Counter taskTimeouts;
    private transient Counter codeErrors;
    private transient Counter timeoutCodeErrors;
    private transient long warningCounter;

    AggregateProcessor(AggregatePattern pattern) {
        this.pattern = pattern;
    }

    AggregatePattern pattern() {
        return pattern;
    }

    /** Compiles the Ruby snippets (once per parallel instance) and registers the metrics. */
    void open(MetricGroup metrics) throws Exception {
        codes = new HashMap<>();
        RubyEngine ruby = RubyEngine.get();
        for (AggregateBlock b : pattern.blocks) {
            codes.put(b.pc, ruby.compileAggregateCode(b.code, b.where));
        }
        if (pattern.timeoutCode() != null) {
            timeoutCode = ruby.compileEventCode(pattern.timeoutCode(), pattern.timeoutCodeWhere());
        }
        if (metrics != null) {
            MetricGroup g = metrics.addGroup("aggregate");
            pushedEvents = g.counter("pushed_events");
            taskTimeouts = g.counter("task_timeouts");
            codeErrors = g.counter("code_errors");
            timeoutCodeErrors = g.counter("timeout_code_errors");
        } else {
            pushedEvents = new SimpleCounter();
            taskTimeouts = new SimpleCounter();
            codeErrors = new SimpleCounter();
            timeoutCodeErrors = new SimpleCounter();
        }
    }

    /**
     * The time the task of this event lives in: the {@code timeout_timestamp_field} value in event
     * time, else {@code now}. Null when the field is missing or not a timestamp.
     */
    Instant referenceTime(Event event, Instant now) {
        if (!pattern.eventTime()) {
            return now;
        }
        return Timestamps.of(event.get(pattern.timeoutTimestampField()));
    }

    /**
     * Handles {@code event} at the aggregate block {@code pc} for task {@code key}, then resumes it
     * (and every event this produced) after the block.
     */
    void process(Event event, int pc, String key, TaskStore store, Instant now, Resume out)
            throws Exception {
        AggregateBlock block = pattern.blockAt(pc);
        Instant ref = referenceTime(event, now);
        if (ref == null) {
            // Logstash crashes the worker here (issue #121); we tag and pass the event on.
            LOG.warn(
                    "Aggregate: event has no usable timestamp in '{}' (task_id {}); passing it on"
                            + " untouched",
                    pattern.timeoutTimestampField(),
                    key);
            event.tag(TAG_TIMESTAMP_FAILURE);
            out.resume(event, pc + 1);
            return;
        }
        List<Event> pushed = new ArrayList<>(1);
        TaskState task = store.get();
        if (task != null && task.expiredAt(ref, pattern)) {
            // Expiry on arrival: the only expiry in batch mode, and exact in streaming too.
            store.remove();
            taskTimeouts.inc();
            if (pattern.pushesOnTimeout()) {
                pushed.add(timeoutEvent(task, task.deadline(pattern), false));
            }
            task = null;
        }
        if (task == null) {
            if (block.mapAction == MapAction.UPDATE) {
                resumeAll(event, pc, List.of(), pushed, out);
                return;
            }
            warnOnMapCount(store.count());
            if (pattern.pushPreviousMapAsEvent()) {
                TaskState previous = store.takeOldest();
                if (previous != null) {
                    pushed.add(timeoutEvent(previous, ref, false));
                }
            }
            task = new TaskState(key, ref);
        } else if (block.mapAction == MapAction.CREATE) {
            resumeAll(event, pc, List.of(), pushed, out);
            return;
        }
        task.lastEvent = ref;

        MapMeta meta =
                new MapMeta(
                        key, task.creation, task.lastEvent, task.timeout, task.inactivityTimeout);
        List<Event> made = new ArrayList<>(0);
        boolean ok = true;
        try {
            codes.get(pc).call(event, task.map, meta, made::add);
        } catch (RubyCodeException e) {
            ok = false;
            codeErrors.inc();
            LOG.error(
                    "Aggregate exception occurred: {} (code at {}, task_id {}, event {})",
                    e.getMessage(),
                    block.where,
                    key,
                    event);
            event.tag(TAG_EXCEPTION);
        }
        task.timeout = meta.getTimeout();
        task.inactivityTimeout = meta.getInactivityTimeout();

        boolean gone = false;
        if (block.endOfTask) {
            store.remove();
            gone = true;
        }
        if (isZero(task.timeout) || isZero(task.inactivityTimeout)) {
            // map_meta asked for immediate expiry
            if (!gone) {
                store.remove();
            }
            gone = true;
            taskTimeouts.inc();
            if (pattern.pushMapAsEventOnTimeout()) {
                pushed.add(timeoutEvent(task, ref, false));
            }
        }
        if (!gone) {
            store.put(task);
        }
        if (ok) {
            block.common.apply(event);
        }
        resumeAll(event, pc, made, pushed, out);
    }

    private static boolean isZero(Long v) {
        return v != null && v == 0L;
    }

    private static void resumeAll(
            Event event, int pc, List<Event> made, List<Event> pushed, Resume out)
            throws Exception {
        out.resume(event, pc + 1);
        for (Event e : made) {
            out.resume(e, pc + 1);
        }
        for (Event e : pushed) {
            out.resume(e, pc + 1);
        }
    }

    /**
     * A task's map leaves memory: the event pushed for it (Logstash's create_timeout_event),
     * stamped {@code at} unless the map sets {@code @timestamp}.
     */
    Event timeoutEvent(TaskState task, Instant at, boolean finalFlush) {
        Event e = Event.fromMap(task.map, at);
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
                timeoutCodeErrors.inc();
                LOG.error(
                        "Aggregate exception occurred: {} (timeout_code at {}, task_id {})",
                        ex.getMessage(),
                        pattern.timeoutCodeWhere(),
                        task.taskId);
                e.tag(TAG_EXCEPTION);
            }
        }
        if (finalFlush) {
            e.tag(TAG_FINAL_FLUSH);
        }
        pushedEvents.inc();
        return e;
    }

    void countTimeout() {
        taskTimeouts.inc();
    }

    /** Logstash's memory warning (§3.3): every threshold/5 creations while over it. */
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
