package io.logaggregate.io.elasticsearch;

import static io.logaggregate.cli.LocalRuns.append;
import static io.logaggregate.cli.LocalRuns.await;
import static io.logaggregate.cli.LocalRuns.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.cli.LocalRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run as a service: it follows a log into Elasticsearch (documents by task id), the whole
 * process group is killed with SIGKILL mid-run, lines are appended while it is down, and the same
 * command is started again. Every task must end in exactly one document with its whole sum: the
 * read positions and the open maps come back from the last checkpoint in the data directory, and
 * what was done after it is done again (same documents, same ids).
 */
@ExtendWith(ElasticsearchServerExtension.class)
class LocalRunCrashITCase {
    private static final String INDEX = "crash-it";
    private static final int TASKS = 30;

    @TempDir Path dir;

    @Test
    void killedAndRestartedRunLosesNothingAndCountsNothingTwice() throws Exception {
        try (EsTestClient es = new EsTestClient(ElasticsearchServerExtension.url())) {
            es.deleteIndex(INDEX);
            Path log = dir.resolve("app.log");
            Path tmp = dir.resolve("tmp");
            Path conf = dir.resolve("service.conf");
            Files.writeString(
                    conf,
                    """
                    input { file { path => "%s" start_position => "beginning" stat_interval => 0.2 } }
                    filter {
                      grok { match => { "message" => "%%{WORD:taskid} %%{WORD:op} %%{INT:n:int}" } }
                      if [op] == "end" {
                        aggregate {
                          task_id => "%%{taskid}"
                          code => "event.set('sum', map['sum']); event.set('lines', map['lines'])"
                          map_action => "update"
                          end_of_task => true
                        }
                      } else {
                        aggregate {
                          task_id => "%%{taskid}"
                          code => "map['sum'] ||= 0; map['sum'] += event.get('n'); map['lines'] ||= 0; map['lines'] += 1"
                        }
                        drop { }
                      }
                    }
                    output {
                      elasticsearch { hosts => ["%s"] index => "%s" document_id => "%%{taskid}" }
                      stdout { codec => json_lines }
                    }
                    """
                            .formatted(log, ElasticsearchServerExtension.url(), INDEX));
            Path data = dir.resolve("data");
            String[] run = {
                "run",
                conf.toString(),
                "--path.data",
                data.toString(),
                "--checkpoint-interval",
                "1s"
            };

            // before the first start: every task begins, tasks 0-9 end
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < TASKS; i++) {
                lines.append("t").append(i).append(" add 1\n");
                lines.append("t").append(i).append(" add 2\n");
            }
            for (int i = 0; i < 10; i++) {
                lines.append("t").append(i).append(" end 0\n");
            }
            append(log, lines.toString());

            LocalRuns.Run first = LocalRuns.start(dir, tmp, run);
            await(
                    "the first 10 tasks",
                    Duration.ofMinutes(3),
                    () -> count(first.stdout(), "\"sum\"") >= 10);
            // a checkpoint that has the open maps of tasks 10-29
            long seen = System.currentTimeMillis();
            await("a checkpoint", Duration.ofMinutes(1), () -> newestSnapshot(data) > seen);

            // more lines while it runs: tasks 10-29 go on, 10-19 end; then the crash
            lines = new StringBuilder();
            for (int i = 10; i < TASKS; i++) {
                lines.append("t").append(i).append(" add 10\n");
            }
            for (int i = 10; i < 20; i++) {
                lines.append("t").append(i).append(" end 0\n");
            }
            append(log, lines.toString());
            await(
                    "tasks 10-19",
                    Duration.ofMinutes(1),
                    () -> count(first.stdout(), "\"sum\"") >= 20);
            first.killGroup();
            await(
                    "the child JVM to be gone",
                    Duration.ofSeconds(30),
                    () -> ProcessHandle.allProcesses().noneMatch(this::isOurChild));

            // written while it was down: tasks 20-29 go on and end
            lines = new StringBuilder();
            for (int i = 20; i < TASKS; i++) {
                lines.append("t").append(i).append(" add 100\n");
                lines.append("t").append(i).append(" end 0\n");
            }
            append(log, lines.toString());

            LocalRuns.Run second = LocalRuns.start(dir, tmp, run);
            try {
                await(
                        "all tasks in Elasticsearch",
                        Duration.ofMinutes(3),
                        () -> countQuietly(es) >= TASKS && count(second.stdout(), "t29") > 0);
                Thread.sleep(2000); // a late duplicate would show now
                Map<String, String> docs = new TreeMap<>();
                JsonNode hits =
                        es.call("GET", "/" + INDEX + "/_search?size=1000")
                                .path("hits")
                                .path("hits");
                for (JsonNode h : hits) {
                    JsonNode s = h.path("_source");
                    docs.put(h.path("_id").asText(), s.path("sum") + "/" + s.path("lines"));
                }
                Map<String, String> expected = new TreeMap<>();
                for (int i = 0; i < TASKS; i++) {
                    expected.put("t" + i, i < 10 ? "3/2" : i < 20 ? "13/3" : "113/4");
                }
                assertThat(docs).isEqualTo(expected);
                assertThat(es.count(INDEX)).isEqualTo(TASKS);
                assertThat(second.err()).contains("resuming from");
            } finally {
                second.stop();
            }
            assertThat(LocalRuns.contents(tmp)).isEmpty();
        }
    }

    private static long newestSnapshot(Path data) {
        try {
            long newest = 0;
            for (Path p : LocalRuns.snapshots(data)) {
                newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
            }
            return newest;
        } catch (Exception e) {
            return 0;
        }
    }

    private long countQuietly(EsTestClient es) {
        try {
            return es.count(INDEX);
        } catch (Exception e) {
            return 0;
        }
    }

    private boolean isOurChild(ProcessHandle p) {
        return p.info()
                .commandLine()
                .map(c -> c.contains("io.logaggregate.cli.Main") && c.contains(dir.toString()))
                .orElse(false);
    }
}
