package io.logaggregate.aggregate;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.filter.CommonOptions;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code aggregate { }} block of a pipeline, validated as Logstash's register does
 * (docs/aggregate-semantics.md, "Validation"). The timeout options it carries, if any, belong to
 * its whole task_id pattern ({@link AggregatePattern}).
 */
public final class AggregateBlock implements Serializable {
    static final long DEFAULT_TIMEOUT = 1800;

    /**
     * The settings, as logstash-filter-aggregate declares them. The timeout options ({@code
     * timeout} to {@code timeout_tags}) hold for the whole task_id pattern; only one block of a
     * pattern may set them.
     */
    public static final PluginSpec SPEC =
            PluginSpec.filter("aggregate")
                    .requiredString(
                            "task_id", "the task's id, with %{field}: events of a task share a map")
                    .requiredString("code", "Ruby run with event and map (and map_meta)")
                    .oneOf(
                            "map_action",
                            "create_or_update",
                            "create: only a new task; update: only an open one",
                            "create",
                            "update",
                            "create_or_update")
                    .bool(
                            "end_of_task",
                            false,
                            "the task ends after this block: its map is removed")
                    .number(
                            "timeout",
                            DEFAULT_TIMEOUT,
                            "seconds from a task's first event to its expiry (whole pattern)")
                    .number(
                            "inactivity_timeout",
                            null,
                            "seconds without events before expiry; default timeout")
                    .string("timeout_code", null, "Ruby run on the event pushed at expiry")
                    .bool(
                            "push_map_as_event_on_timeout",
                            false,
                            "an expired task's map becomes an event")
                    .bool(
                            "push_previous_map_as_event",
                            false,
                            "a new task id pushes the previous task's map (input order)")
                    .string(
                            "timeout_timestamp_field",
                            null,
                            "event time: timeouts follow this field")
                    .string("timeout_task_id_field", null, "field the task id is put in at expiry")
                    .array("timeout_tags", null, "tags of the events pushed at expiry")
                    .number(
                            "map_count_warning_threshold",
                            5000,
                            "warn when this many maps are open; 0 = never")
                    .path(
                            "aggregate_maps_path",
                            null,
                            "file the open maps are kept in across runs");

    private static final Pattern DYNAMIC = Pattern.compile("%\\{.+\\}");

    final int index;
    final int pc;
    final String taskId;
    final String code;
    final MapAction mapAction;
    final boolean endOfTask;
    final String where;
    final SourceLocation location;
    final CommonOptions common;

    // timeout options (null / false / empty when not set on this block)
    final Long timeout;
    final Long inactivityTimeout;
    final String timeoutCode;
    final boolean pushMapAsEventOnTimeout;
    final boolean pushPreviousMapAsEvent;
    final String timeoutTimestampField;
    final String timeoutTaskIdField;
    final List<String> timeoutTags;
    final long mapCountWarningThreshold;
    final String aggregateMapsPath;

    private AggregateBlock(PluginSettings s, int index, int pc) {
        this.index = index;
        this.pc = pc;
        this.location = s.plugin().location();
        this.where = location.toString();
        this.taskId = s.getString("task_id");
        if (!DYNAMIC.matcher(taskId).find()) {
            throw s.error(
                    "task_id",
                    "Aggregate plugin: task_id pattern '"
                            + taskId
                            + "' must contain a dynamic expression like '%{field}'");
        }
        this.code = s.getString("code");
        this.mapAction = MapAction.of(s.getString("map_action"));
        this.endOfTask = s.getBool("end_of_task");
        // unset and default differ here: only a block that sets timeout options carries them
        Number t = s.number("timeout");
        Number it = s.number("inactivity_timeout");
        this.timeout = t == null ? null : t.longValue();
        this.inactivityTimeout = it == null ? null : it.longValue();
        this.timeoutCode = s.getString("timeout_code");
        this.pushMapAsEventOnTimeout = s.getBool("push_map_as_event_on_timeout");
        this.pushPreviousMapAsEvent = s.getBool("push_previous_map_as_event");
        this.timeoutTimestampField = s.getString("timeout_timestamp_field");
        this.timeoutTaskIdField = s.getString("timeout_task_id_field");
        this.timeoutTags = s.getList("timeout_tags");
        this.mapCountWarningThreshold = s.getLong("map_count_warning_threshold");
        this.aggregateMapsPath = s.getString("aggregate_maps_path");
        if (inactivityTimeout != null
                && inactivityTimeout > (timeout != null ? timeout : DEFAULT_TIMEOUT)) {
            throw s.error(
                    "inactivity_timeout",
                    "Aggregate plugin: For task_id pattern "
                            + taskId
                            + ", inactivity_timeout ("
                            + inactivityTimeout
                            + ") must be lower than timeout ("
                            + (timeout == null ? "" : timeout)
                            + ")");
        }
        if (timeout != null && timeout < 0 || inactivityTimeout != null && inactivityTimeout < 0) {
            throw s.error("timeout", "Aggregate plugin: timeouts must not be negative");
        }
        this.common = CommonOptions.from(s);
    }

    /** Validates an aggregate block; {@code pc} is its instruction in the filter program. */
    public static AggregateBlock parse(PluginDef def, int index, int pc) {
        return new AggregateBlock(SPEC.read(def), index, pc);
    }

    /** Exactly Logstash's {@code has_timeout_options?}. */
    boolean hasTimeoutOptions() {
        return timeout != null
                || inactivityTimeout != null
                || timeoutCode != null
                || pushMapAsEventOnTimeout
                || pushPreviousMapAsEvent
                || timeoutTimestampField != null
                || timeoutTaskIdField != null
                || !timeoutTags.isEmpty();
    }

    public String taskId() {
        return taskId;
    }

    public int index() {
        return index;
    }

    public String code() {
        return code;
    }

    public SourceLocation location() {
        return location;
    }

    public int pc() {
        return pc;
    }

    public String where() {
        return where;
    }

    static ConfigException moreThanOneTimeoutBlock(String taskId, AggregateBlock second) {
        return new ConfigException(
                "Aggregate plugin: For task_id pattern '"
                        + taskId
                        + "', there are more than one filter which defines timeout options. All"
                        + " timeout options have to be defined in only one aggregate filter per"
                        + " task_id pattern. Timeout options are : timeout, inactivity_timeout,"
                        + " timeout_code, push_map_as_event_on_timeout,"
                        + " push_previous_map_as_event, timeout_timestamp_field,"
                        + " timeout_task_id_field, timeout_tags",
                second.location);
    }
}
