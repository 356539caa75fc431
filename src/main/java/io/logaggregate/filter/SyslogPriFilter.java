package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.util.List;
import java.util.function.Consumer;

/**
 * Logstash's syslog_pri filter: splits a syslog priority ({@code <PRI>}, default 13 when the field
 * is missing) into facility ({@code pri >> 3}) and severity ({@code pri & 7}) codes and, with
 * {@code use_labels}, their names. A facility beyond the label list tags {@code
 * _syslogpriparsefailure} and sets no names. The common options always apply, as in Logstash.
 *
 * <p>Field names: {@code syslog_pri}, {@code syslog_facility(_code)}, {@code
 * syslog_severity(_code)}; with {@code ecs_compatibility} v1/v8 {@code [log][syslog][priority]},
 * {@code [log][syslog][facility][code|name]}, {@code [log][syslog][severity][code|name]}.
 */
public final class SyslogPriFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("syslog_pri")
                    .bool("use_labels", true, "also set the facility and severity names")
                    .string(
                            "syslog_pri_field_name",
                            null,
                            "the field holding the priority (syslog_pri; [log][syslog][priority]"
                                    + " with ECS)")
                    .array(
                            "facility_labels",
                            List.of(
                                    "kernel",
                                    "user-level",
                                    "mail",
                                    "daemon",
                                    "security/authorization",
                                    "syslogd",
                                    "line printer",
                                    "network news",
                                    "uucp",
                                    "clock",
                                    "security/authorization",
                                    "ftp",
                                    "ntp",
                                    "log audit",
                                    "log alert",
                                    "clock",
                                    "local0",
                                    "local1",
                                    "local2",
                                    "local3",
                                    "local4",
                                    "local5",
                                    "local6",
                                    "local7"),
                            "facility names by code")
                    .array(
                            "severity_labels",
                            List.of(
                                    "emergency",
                                    "alert",
                                    "critical",
                                    "error",
                                    "warning",
                                    "notice",
                                    "informational",
                                    "debug"),
                            "severity names by code")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "disabled: syslog_* fields; v1, v8: [log][syslog][...] fields",
                            "disabled",
                            "v1",
                            "v8");

    static final String FAILURE_TAG = "_syslogpriparsefailure";

    private final boolean useLabels;
    private final String priField;
    private final List<String> facilityLabels;
    private final List<String> severityLabels;
    private final String facilityCodeKey;
    private final String severityCodeKey;
    private final String facilityLabelKey;
    private final String severityLabelKey;
    private final CommonOptions common;

    private SyslogPriFilter(PluginSettings s) {
        boolean ecs = !"disabled".equals(s.getString("ecs_compatibility"));
        this.useLabels = s.getBool("use_labels");
        String pri = s.getString("syslog_pri_field_name");
        this.priField = pri != null ? pri : ecs ? "[log][syslog][priority]" : "syslog_pri";
        try {
            FieldRef.parse(priField);
        } catch (IllegalArgumentException e) {
            throw s.error(
                    "syslog_pri_field_name",
                    "Invalid field reference for `syslog_pri_field_name`: `" + priField + "`");
        }
        this.facilityLabels = s.getList("facility_labels");
        this.severityLabels = s.getList("severity_labels");
        this.facilityCodeKey = ecs ? "[log][syslog][facility][code]" : "syslog_facility_code";
        this.severityCodeKey = ecs ? "[log][syslog][severity][code]" : "syslog_severity_code";
        this.facilityLabelKey = ecs ? "[log][syslog][facility][name]" : "syslog_facility";
        this.severityLabelKey = ecs ? "[log][syslog][severity][name]" : "syslog_severity";
        this.common = CommonOptions.from(s);
    }

    public static SyslogPriFilter create(PluginSettings settings, FilterContext ctx) {
        return new SyslogPriFilter(settings);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        parse(event);
        common.apply(event);
    }

    private void parse(Event event) {
        Object v = event.get(priField);
        long priority;
        if (v == null || Boolean.FALSE.equals(v)) {
            priority = 13;
        } else if (v instanceof List<?> l) {
            priority = l.isEmpty() ? 0 : toI(l.get(0));
        } else {
            priority = toI(v);
        }
        long severity = priority & 7;
        long facility = priority >> 3;
        event.set(severityCodeKey, severity);
        event.set(facilityCodeKey, facility);
        if (!useLabels) {
            return;
        }
        if (facility > facilityLabels.size() - 1) {
            event.tag(FAILURE_TAG);
            return;
        }
        String facilityLabel = rubyAt(facilityLabels, facility);
        if (facilityLabel != null) {
            event.set(facilityLabelKey, facilityLabel);
        }
        String severityLabel = rubyAt(severityLabels, severity);
        if (severityLabel != null) {
            event.set(severityLabelKey, severityLabel);
        }
    }

    /** Ruby's {@code array[i]}: a negative index counts from the end; out of range is nil. */
    private static String rubyAt(List<String> list, long i) {
        long idx = i < 0 ? list.size() + i : i;
        return idx >= 0 && idx < list.size() ? list.get((int) idx) : null;
    }

    /** Ruby's {@code to_i}: leading digits of a string (after blanks, with a sign), else 0. */
    static long toI(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (!(v instanceof String s)) {
            return 0;
        }
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long out = 0;
        boolean any = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out = out * 10 + (c - '0');
                any = true;
            } else if (c == '_' && any && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                // Ruby allows 1_000
            } else {
                break;
            }
            i++;
        }
        return negative ? -out : out;
    }
}
