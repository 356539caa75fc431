package io.logaggregate.aggregate;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Timestamps;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * All aggregate blocks that share one task_id pattern string, and so share one map per task id
 * (Logstash: maps are per pattern). The timeout options come from the one block that carries them
 * (at most one may); they apply to the whole pattern, whichever block it is.
 */
public final class AggregatePattern implements Serializable {
    final String taskId;
    final List<AggregateBlock> blocks = new ArrayList<>();
    private AggregateBlock timeoutBlock;

    /** timeout_timestamp_field parsed, once (every event's time is read through it). */
    private transient FieldRef timeField;

    public AggregatePattern(String taskId) {
        this.taskId = taskId;
    }

    public void add(AggregateBlock block) {
        if (block.hasTimeoutOptions()) {
            if (timeoutBlock != null) {
                throw AggregateBlock.moreThanOneTimeoutBlock(taskId, block);
            }
            timeoutBlock = block;
        }
        blocks.add(block);
        timeField = null;
    }

    public String taskId() {
        return taskId;
    }

    public List<AggregateBlock> blocks() {
        return blocks;
    }

    /** The block whose options rule timeouts: the one with timeout options, else the first. */
    AggregateBlock flushBlock() {
        return timeoutBlock != null ? timeoutBlock : blocks.get(0);
    }

    public long timeoutSeconds() {
        Long t = flushBlock().timeout;
        return t != null ? t : AggregateBlock.DEFAULT_TIMEOUT;
    }

    public long inactivityTimeoutSeconds() {
        Long it = flushBlock().inactivityTimeout;
        return it != null ? it : timeoutSeconds();
    }

    public boolean pushMapAsEventOnTimeout() {
        return flushBlock().pushMapAsEventOnTimeout;
    }

    public boolean pushPreviousMapAsEvent() {
        return flushBlock().pushPreviousMapAsEvent;
    }

    /** True when pushing expired maps is on (either push option). */
    public boolean pushesOnTimeout() {
        return pushMapAsEventOnTimeout() || pushPreviousMapAsEvent();
    }

    public String timeoutTimestampField() {
        return flushBlock().timeoutTimestampField;
    }

    public boolean eventTime() {
        return timeoutTimestampField() != null;
    }

    /**
     * The time of {@code event} for this pattern's timeouts: its {@code timeout_timestamp_field} as
     * a timestamp. Null when the pattern runs in processing time, or the field is missing or not a
     * timestamp. Every stage (the state machine, the record timestamps, the watermarks, the batch
     * order) reads event time through here.
     */
    public Instant eventTimeOf(Event event) {
        if (!eventTime()) {
            return null;
        }
        FieldRef ref = timeField;
        if (ref == null) {
            ref = FieldRef.parse(timeoutTimestampField());
            timeField = ref;
        }
        return Timestamps.of(event.get(ref));
    }

    public String timeoutTaskIdField() {
        return flushBlock().timeoutTaskIdField;
    }

    public List<String> timeoutTags() {
        return flushBlock().timeoutTags;
    }

    public String timeoutCode() {
        return flushBlock().timeoutCode;
    }

    public String timeoutCodeWhere() {
        return flushBlock().where;
    }

    public long mapCountWarningThreshold() {
        return flushBlock().mapCountWarningThreshold;
    }

    /** Program counter of the block after which timer-made events continue. */
    public int flushPc() {
        return flushBlock().pc;
    }

    /**
     * Deletes the maps a previous run stored for these patterns ({@code aggregate_maps_path}), so
     * that a run that starts over on purpose does not load them: they belong to read positions it
     * does not resume. Returns the files deleted.
     */
    public static List<java.nio.file.Path> discardStoredMaps(List<AggregatePattern> patterns)
            throws java.io.IOException {
        String path = pipelineMapsPath(patterns);
        List<java.nio.file.Path> deleted = new java.util.ArrayList<>();
        if (path == null) {
            return deleted;
        }
        for (AggregatePattern p : patterns) {
            var parts = new AggregateMapsFile(path, p.taskId()).parts().values();
            AggregateMapsFile.deleteAll(parts);
            deleted.addAll(parts);
        }
        return deleted;
    }

    /**
     * The pipeline's {@code aggregate_maps_path}, or null. Logstash allows it on one aggregate
     * block of the whole pipeline (it stores the maps of every pattern), so a second one is an
     * error at the later block.
     */
    public static String pipelineMapsPath(List<AggregatePattern> patterns) {
        AggregateBlock first = null;
        for (AggregatePattern p : patterns) {
            for (AggregateBlock b : p.blocks) {
                if (b.aggregateMapsPath == null) {
                    continue;
                }
                if (first != null) {
                    throw new ConfigException(
                            "Aggregate plugin: Option 'aggregate_maps_path' must be set on only"
                                    + " one aggregate filter",
                            (b.pc > first.pc ? b : first).location);
                }
                first = b;
            }
        }
        return first == null ? null : first.aggregateMapsPath;
    }

    AggregateBlock blockAt(int pc) {
        for (AggregateBlock b : blocks) {
            if (b.pc == pc) {
                return b;
            }
        }
        return null;
    }
}
