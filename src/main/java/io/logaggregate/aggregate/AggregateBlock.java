package io.logaggregate.aggregate;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
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
    static final List<String> SETTINGS =
            List.of(
                    "task_id",
                    "code",
                    "map_action",
                    "end_of_task",
                    "aggregate_maps_path",
                    "timeout",
                    "inactivity_timeout",
                    "timeout_code",
                    "push_map_as_event_on_timeout",
                    "push_previous_map_as_event",
                    "timeout_timestamp_field",
                    "timeout_task_id_field",
                    "timeout_tags",
                    "map_count_warning_threshold");

    private static final Pattern DYNAMIC = Pattern.compile("%\\{.+\\}");
    static final long DEFAULT_TIMEOUT = 1800;

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
        this.taskId = s.requiredString("task_id");
        if (!DYNAMIC.matcher(taskId).find()) {
            throw s.error(
                    "task_id",
                    "Aggregate plugin: task_id pattern '"
                            + taskId
                            + "' must contain a dynamic expression like '%{field}'");
        }
        this.code = s.requiredString("code");
        this.mapAction =
                MapAction.of(
                        s.oneOf(
                                "map_action",
                                "create_or_update",
                                "create",
                                "update",
                                "create_or_update"));
        this.endOfTask = s.bool("end_of_task", false);
        Number t = s.number("timeout");
        Number it = s.number("inactivity_timeout");
        this.timeout = t == null ? null : t.longValue();
        this.inactivityTimeout = it == null ? null : it.longValue();
        this.timeoutCode = s.string("timeout_code");
        this.pushMapAsEventOnTimeout = s.bool("push_map_as_event_on_timeout", false);
        this.pushPreviousMapAsEvent = s.bool("push_previous_map_as_event", false);
        this.timeoutTimestampField = s.string("timeout_timestamp_field");
        this.timeoutTaskIdField = s.string("timeout_task_id_field");
        this.timeoutTags = s.stringList("timeout_tags");
        this.mapCountWarningThreshold = s.longValue("map_count_warning_threshold", 5000);
        this.aggregateMapsPath = s.string("aggregate_maps_path");
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
        return new AggregateBlock(new PluginSettings(def, SETTINGS), index, pc);
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
