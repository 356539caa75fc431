package io.logaggregate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Sprintf.Template} (a template read once) gives what {@link Sprintf#format} gives. */
class SprintfTemplateTest {

    @Test
    void sameTextAsFormatForEveryKindOfReference() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskid", "4B2C91A03F");
        data.put("n", 42L);
        data.put("list", List.of("a", "b"));
        data.put("j", Map.of("k1", "v"));
        data.put("@timestamp", Instant.parse("2015-10-01T00:00:00Z"));
        Event event = Event.fromMap(data, Instant.EPOCH);
        List<String> templates =
                List.of(
                        "%{taskid}",
                        "%{[taskid]}",
                        "%{n}",
                        "%{list}",
                        "%{j}",
                        "%{[j][k1]}",
                        "%{missing}",
                        "%{[bad}",
                        "%{a[b]}",
                        "%{}",
                        "%{+%s}",
                        "%{+YYYY}-%{taskid}",
                        "%{{yyyy}}",
                        "%{{bad",
                        "host-%{taskid}-%{n}/%{missing}.",
                        "%{taskid",
                        "no reference",
                        "",
                        "%{taskid}%{taskid}");
        for (String t : templates) {
            assertThat(Sprintf.Template.of(t).format(event))
                    .as(t)
                    .isEqualTo(Sprintf.format(t, event));
        }
    }
}
