package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log-aggregate run} of a pipeline that follows a file, stopped as a user stops it (SIGTERM,
 * as Ctrl-C's SIGINT): the CLI cancels the job and waits for it, so the aggregate stage stores its
 * open map before the JVM exits.
 */
class LocalRunStopITCase {
    @TempDir Path dir;

    @Test
    void aStoppedLocalRunStoresItsOpenMaps() throws Exception {
        Path input = dir.resolve("in.log");
        Files.writeString(input, "a 1\na 2\n");
        Path conf = dir.resolve("p.conf");
        Files.writeString(
                conf,
                """
                input { file { path => "%s" mode => "tail" start_position => "beginning" } }
                filter {
                  grok { match => { "message" => "%%{WORD:id} %%{NUMBER:n:int}" } }
                  aggregate {
                    task_id => "%%{id}"
                    code => "map['n'] ||= 0; map['n'] += event.get('n')"
                    aggregate_maps_path => "%s"
                  }
                }
                output { stdout { codec => json_lines } }
                """
                        .formatted(input, dir.resolve("maps")));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.logaggregate.cli.Main");
        cmd.addAll(
                List.of(
                        "run",
                        "--checkpoint-interval",
                        "0",
                        "--path.data",
                        dir.resolve("data").toString(),
                        conf.toString()));
        Process run =
                new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).contains("\"n\":1");
            assertThat(out.readLine()).contains("\"n\":2");
            run.destroy(); // SIGTERM
            assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        assertThat(run.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's own exit
        List<Path> parts;
        try (Stream<Path> files = Files.list(dir)) {
            parts = files.filter(f -> f.getFileName().toString().startsWith("maps.")).toList();
        }
        assertThat(parts).singleElement();
        assertThat(Files.readString(parts.get(0)))
                .startsWith("{\"pattern\":\"%{id}\",\"task_id\":\"a\",\"map\":{\"n\":3},");
        assertThat(Files.readString(dir.resolve("stderr.txt")))
                .contains("log-aggregate: stopping the job")
                .contains("Aggregate maps stored to : " + parts.get(0));
    }
}
