package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** grok and date count the events they fail on (the stage reports them as metrics). */
class FailureCountingTest {

    @Test
    void grokCountsEventsNoPatternMatched() throws Exception {
        Filter grok = filter("grok", "match", Map.of("message", "%{INT:n} apples"));
        grok.open();
        run(grok, event("message", "3 apples"));
        run(grok, event("message", "no apples"));
        run(grok, event("message", "pears"));
        FailureCounting c = (FailureCounting) grok;
        assertThat(c.failureMetric()).isEqualTo("grok_failures");
        assertThat(c.failures()).isEqualTo(2);
    }

    @Test
    void dateCountsValuesNoFormatParsed() throws Exception {
        Filter date = filter("date", "match", List.of("when", "ISO8601"));
        date.open();
        run(date, event("when", "2026-03-04T05:06:07Z"));
        run(date, event("when", "yesterday"));
        run(date, event("other", "no field: not a failure"));
        FailureCounting c = (FailureCounting) date;
        assertThat(c.failureMetric()).isEqualTo("date_failures");
        assertThat(c.failures()).isEqualTo(1);
    }
}
