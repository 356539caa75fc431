package io.logaggregate.io.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartBucketsTest {
    private static Event event(String host) {
        return Event.fromMap(
                Map.of("@timestamp", "2026-11-02T08:00:00.000Z", "host", host), Instant.EPOCH);
    }

    @Test
    void theFixedPartIsTheBaseAndTheInterpolatedRestTheBucket() {
        PartBuckets b = new PartBuckets("s3://logs/mail/%{host}/%{+YYYY-MM-dd}.jsonl", "_fail");
        assertThat(b.base()).isEqualTo("s3://logs/mail");
        assertThat(b.bucketOf(event("mx1"))).isEqualTo("mx1/2026-11-02.jsonl");

        PartBuckets mid = new PartBuckets("hdfs://nn:8020/out/mail-%{host}.log", "_fail");
        assertThat(mid.base()).isEqualTo("hdfs://nn:8020/out");
        assertThat(mid.bucketOf(event("mx2"))).isEqualTo("mail-mx2.log");
    }

    @Test
    void aPathWithoutInterpolationIsTheDirectoryOfAllParts() {
        PartBuckets b = new PartBuckets("s3://logs/archive/", "_fail");
        assertThat(b.base()).isEqualTo("s3://logs/archive");
        assertThat(b.bucketOf(event("mx1"))).isEmpty();
    }

    @Test
    void aBucketLeavingTheBaseGoesToTheFailureBucket() {
        PartBuckets b = new PartBuckets("s3://logs/out/%{host}", "_filepath_failures");
        assertThat(b.bucketOf(event("../../etc"))).isEqualTo("_filepath_failures");
        assertThat(b.bucketOf(event(""))).isEqualTo("_filepath_failures");
        assertThat(b.bucketOf(event("a/./b/../c//d"))).isEqualTo("a/c/d");
    }
}
