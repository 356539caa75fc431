package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.BulkItemOutcome.ALREADY_PRESENT;
import static io.logaggregate.io.elasticsearch.BulkItemOutcome.OK;
import static io.logaggregate.io.elasticsearch.BulkItemOutcome.REJECT;
import static io.logaggregate.io.elasticsearch.BulkItemOutcome.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkItemOutcomeTest {
    @Test
    void byStatusAndAction() {
        assertThat(BulkItemOutcome.of("index", 201)).isEqualTo(OK);
        assertThat(BulkItemOutcome.of("index", 200)).isEqualTo(OK);
        assertThat(BulkItemOutcome.of("create", 409)).isEqualTo(ALREADY_PRESENT);
        assertThat(BulkItemOutcome.of("update", 409)).isEqualTo(REJECT);
        assertThat(BulkItemOutcome.of("delete", 404)).isEqualTo(OK);
        assertThat(BulkItemOutcome.of("update", 404)).isEqualTo(REJECT);
        assertThat(BulkItemOutcome.of("index", 400)).isEqualTo(REJECT);
        assertThat(BulkItemOutcome.of("index", 403)).isEqualTo(REJECT);
        assertThat(BulkItemOutcome.of("index", 429)).isEqualTo(RETRY);
        assertThat(BulkItemOutcome.of("index", 503)).isEqualTo(RETRY);
        assertThat(BulkItemOutcome.of("index", 500)).isEqualTo(RETRY);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        Backoff b = new Backoff(2000, 64000);
        assertThat(b.delayMillis(0)).isEqualTo(2000);
        assertThat(b.delayMillis(1)).isEqualTo(4000);
        assertThat(b.delayMillis(4)).isEqualTo(32000);
        assertThat(b.delayMillis(5)).isEqualTo(64000);
        assertThat(b.delayMillis(500)).isEqualTo(64000);
    }
}
