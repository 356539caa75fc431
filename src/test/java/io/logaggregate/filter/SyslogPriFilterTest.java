package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.PipelineText.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of logstash-filter-syslog_pri's syslog_pri_spec.rb, in both field layouts. */
class SyslogPriFilterTest {
    private static final String[] LEGACY = {
        "syslog_pri",
        "syslog_facility_code",
        "syslog_facility",
        "syslog_severity_code",
        "syslog_severity"
    };
    private static final String[] ECS = {
        "[log][syslog][priority]",
        "[log][syslog][facility][code]",
        "[log][syslog][facility][name]",
        "[log][syslog][severity][code]",
        "[log][syslog][severity][name]"
    };

    private static String[] names(String ecs) {
        return ecs.equals("disabled") ? LEGACY : ECS;
    }

    @ParameterizedTest
    @CsvSource({"disabled", "v1", "v8"})
    void defaultsTo13WhenTheFieldIsMissing(String ecs) {
        String[] f = names(ecs);
        Event e = new Event();
        e.set(f[0], 1L);
        sample(
                "syslog_pri { syslog_pri_field_name => \"my_syslog_pri\" ecs_compatibility => "
                        + ecs
                        + " }",
                e);
        assertThat(e.get(f[2])).isEqualTo("user-level");
        assertThat(e.get(f[4])).isEqualTo("notice");
        assertThat(e.get(f[3])).isEqualTo(5L);
        assertThat(e.get(f[1])).isEqualTo(1L);
    }

    @ParameterizedTest
    @CsvSource({
        "disabled, 34, critical, security/authorization, 4",
        "disabled, 165, notice, local4, 20",
        "disabled, 191, debug, local7, 23",
        "disabled, '137', alert, local1, 17",
        "v1, 34, critical, security/authorization, 4",
        "v1, 165, notice, local4, 20",
        "v1, 191, debug, local7, 23",
        "v1, '137', alert, local1, 17"
    })
    void labels(String ecs, String pri, String severity, String facility, long facilityCode) {
        String[] f = names(ecs);
        for (Object value : new Object[] {Long.parseLong(pri), pri}) {
            Event e = new Event();
            e.set(f[0], value);
            sample("syslog_pri { ecs_compatibility => " + ecs + " }", e);
            assertThat(e.get(f[4])).isEqualTo(severity);
            assertThat(e.get(f[2])).isEqualTo(facility);
            assertThat(e.get(f[1])).isEqualTo(facilityCode);
            assertThat(e.get("tags")).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource({"disabled", "v1"})
    void priorityTooHigh(String ecs) {
        String[] f = names(ecs);
        Event e = new Event();
        e.set(f[0], 193L);
        sample("syslog_pri { ecs_compatibility => " + ecs + " }", e);
        assertThat(e.tags()).containsExactly("_syslogpriparsefailure");
        assertThat(e.get(f[2])).isNull();
        assertThat(e.get(f[4])).isNull();
        assertThat(e.get(f[1])).isEqualTo(24L);
        assertThat(e.get(f[3])).isEqualTo(1L);

        e = new Event();
        e.set(f[0], 193L);
        sample("syslog_pri { use_labels => false ecs_compatibility => " + ecs + " }", e);
        assertThat(e.get("tags")).isNull();
        assertThat(e.get(f[1])).isEqualTo(24L);
        assertThat(e.get(f[3])).isEqualTo(1L);
    }

    @Test
    void customLabelsArraysAndCommonOptions() {
        Event e =
                sample(
                        "syslog_pri { facility_labels => [\"kernel\"] add_tag => pri }",
                        event("syslog_pri", "0"));
        assertThat(e.get("syslog_facility")).isEqualTo("kernel");
        assertThat(e.get("syslog_severity")).isEqualTo("emergency");
        assertThat(e.tags()).containsExactly("pri");
        // the first element of an array; the common options apply even on failure, as in Logstash
        e =
                sample(
                        "syslog_pri { facility_labels => [\"kernel\"] add_tag => pri }",
                        event("syslog_pri", list("13", "0")));
        assertThat(e.get("syslog_facility_code")).isEqualTo(1L);
        assertThat(e.tags()).containsExactly("_syslogpriparsefailure", "pri");
        // Ruby's to_i: leading digits, else 0
        assertThat(SyslogPriFilter.toI(" 86abc")).isEqualTo(86);
        assertThat(SyslogPriFilter.toI("abc")).isEqualTo(0);
    }
}
