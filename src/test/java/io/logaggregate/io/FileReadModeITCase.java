package io.logaggregate.io;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileReadModeITCase {
    @TempDir Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readsPlainAndGzipFilesInParallelAndEnds() throws Exception {
        Path a = dir.resolve("mail.log");
        Path b = dir.resolve("sub/mail.log.1");
        Path c = dir.resolve("mail.log.2.gz");
        Files.writeString(a, "a0\na1\n\na3\n");
        Files.createDirectories(b.getParent());
        Files.writeString(b, "b0\r\nb1"); // CRLF, and a last line without newline
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(c))) {
            out.write("c0\nc1 é\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("mail.txt"), "not matched\n");
        Files.writeString(dir.resolve("empty.log"), "");

        InputSpec input =
                Inputs.create(
                        def(
                                "input",
                                "file",
                                "path",
                                List.of(dir + "/**/mail.log*", dir + "/empty.log"),
                                "mode",
                                "read",
                                "type",
                                "postfix",
                                "tags",
                                List.of("mail")),
                        IoContext.ofCurrentDirectory());
        assertThat(input.bounded()).isTrue();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<Event> it = input.build(env).executeAndCollect()) {
            while (it.hasNext()) {
                Event e = it.next();
                assertThat(e.get("@version")).isEqualTo("1");
                assertThat(e.timestamp()).isNotNull();
                assertThat(e.get("host")).isInstanceOf(String.class);
                assertThat(e.get("type")).isEqualTo("postfix");
                assertThat(e.tags()).containsExactly("mail");
                assertThat(e.get("path")).isEqualTo(e.split());
                seen.add(e.get("message") + "|" + e.split() + "|" + e.position());
            }
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        // the position is the byte offset of the line (in a .gz file: in its
                        // decompressed bytes)
                        "a0|" + a + "|0",
                        "a1|" + a + "|3",
                        "|" + a + "|6",
                        "a3|" + a + "|7",
                        "b0|" + b + "|0",
                        "b1|" + b + "|4",
                        "c0|" + c + "|0",
                        "c1 é|" + c + "|3");
        // the default file_completed_action deletes nothing
        assertThat(a).exists();
        assertThat(c).exists();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void completedFilesAreLoggedWhenAsked() throws Exception {
        Path a = dir.resolve("in/a.log");
        Files.createDirectories(a.getParent());
        Files.writeString(a, "{\"n\":1}\n{bad\n");
        Path log = dir.resolve("done/completed.log");
        InputSpec input =
                Inputs.create(
                        def(
                                "input",
                                "file",
                                "path",
                                dir + "/in/*.log",
                                "mode",
                                "read",
                                "codec",
                                "json",
                                "file_completed_action",
                                "log",
                                "file_completed_log_path",
                                log.toString()),
                        IoContext.ofCurrentDirectory());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<Event> it = input.build(env).executeAndCollect()) {
            it.forEachRemaining(
                    e ->
                            seen.add(
                                    e.get("n")
                                            + "|"
                                            + e.get("message")
                                            + "|"
                                            + e.tags()
                                            + "|"
                                            + e.position()));
        }
        assertThat(seen)
                .containsExactlyInAnyOrder("1|null|[]|0", "null|{bad|[_jsonparsefailure]|8");
        assertThat(Files.readString(log)).isEqualTo(a + "\n");
        assertThat(a).exists();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLargeFileIsReadInRangesInParallel_eachLineOnce_thenCompletedOnce() throws Exception {
        Path big = dir.resolve("in/big.log");
        Path small = dir.resolve("in/small.log");
        Path gz = dir.resolve("in/big.log.gz");
        Files.createDirectories(big.getParent());
        // 2000 lines (~25 kB) in ranges of 1 kB: UTF-8 characters, some CRLF lines, and a last
        // line without newline; each line's position is its byte offset
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 2000; i++) {
            String message = "line " + i + (i % 7 == 0 ? " é€" : "");
            String line = message + (i % 11 == 0 ? "\r\n" : "\n");
            expected.add(message + "|" + big + "|" + offset);
            text.append(line);
            offset += line.getBytes(StandardCharsets.UTF_8).length;
        }
        text.setLength(text.length() - 1);
        Files.writeString(big, text);
        Files.writeString(small, "small\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("zipped\n".repeat(3000)).getBytes(StandardCharsets.UTF_8));
        }
        Path log = dir.resolve("done/completed.log");
        InputSpec input =
                Inputs.create(
                        def(
                                "input",
                                "file",
                                "path",
                                dir + "/in/*",
                                "mode",
                                "read",
                                "split_size",
                                "1kb",
                                "file_completed_action",
                                "log",
                                "file_completed_log_path",
                                log.toString()),
                        IoContext.ofCurrentDirectory());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(InputSpec.SPLIT_LARGE_FILES, true);
        env.configure(conf);
        List<String> seen = new ArrayList<>();
        int zipped = 0;
        try (CloseableIterator<Event> it = input.build(env).executeAndCollect()) {
            while (it.hasNext()) {
                Event e = it.next();
                if (e.split().equals(big.toString())) {
                    seen.add(e.get("message") + "|" + e.split() + "|" + e.position());
                } else if (e.split().equals(gz.toString())) {
                    zipped++;
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(zipped).isEqualTo(3000); // a .gz file is never cut
        // logged once each, the big file after all its ranges were read
        assertThat(Files.readAllLines(log))
                .containsExactlyInAnyOrder(big.toString(), small.toString(), gz.toString());
    }
}
