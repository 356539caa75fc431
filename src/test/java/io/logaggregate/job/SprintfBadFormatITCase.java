package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a date format that cannot be read in a sprintf ({@code %{+YYY b %{bar}}, {@code
 * %{{BAD_TIME_NOW}}}) in add_field and in an output path must not stop the job. The whole
 * pipeline runs through the CLI in a local MiniCluster to its end (exit 0), every event comes out,
 * the bad references stay as text as in Logstash's output, the good ones are filled in.
 */
class SprintfBadFormatITCase {
    @TempDir Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void badDateFormatsLeaveTheTextAndTheJobRunsToItsEnd() throws Exception {
        Path input = dir.resolve("in.log");
        Files.writeString(input, "one\ntwo\nthree\n");
        Path pipeline = dir.resolve("pipeline.conf");
        Files.writeString(
                pipeline,
                """
                input { file { path => "%s" mode => "read" } }
                filter {
                  mutate {
                    add_field => {
                      "joda_bad" => "%%{+YYY b %%{message}"
                      "java_bad" => "x-%%{{BAD_TIME_NOW}}"
                      "now" => "%%{{TIME_NOW}}"
                      "unclosed" => "%%{+YYY/web"
                      "good" => "%%{message}-%%{+YYYY}"
                    }
                  }
                }
                output {
                  stdout { codec => json_lines }
                  file { path => "%s/out-%%{{uuuu-MM-dd b}}.jsonl" codec => json_lines }
                }
                """
                        .formatted(input, dir));

        List<String> lines = GoldenJobsITCase.run(pipeline.toString(), "--mode", "batch");

        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                events.add(Json.readObject(line));
            }
        }
        assertThat(events)
                .extracting(e -> e.get("message"))
                .containsExactlyInAnyOrder("one", "two", "three");
        String year = String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        for (Map<String, Object> e : events) {
            assertThat(e.get("joda_bad")).isEqualTo("%{+YYY b %{message}");
            assertThat(e.get("java_bad")).isEqualTo("x-%{{BAD_TIME_NOW}}");
            assertThat(e.get("unclosed")).isEqualTo("%{+YYY/web");
            assertThat(e.get("good")).isEqualTo(e.get("message") + "-" + year);
            assertThat((String) e.get("now")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
        // the file output kept the reference it could not format in the file name
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out =
                    files.filter(p -> p.getFileName().toString().startsWith("out-")).toList();
            assertThat(out)
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("out-%{{uuuu-MM-dd b}}.jsonl");
            assertThat(Files.readAllLines(out.get(0))).hasSize(3);
        }
    }
}
