package io.logaggregate.io.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobPathsTest {
    @TempDir Path dir;

    private List<String> find(List<String> patterns, List<String> excludes) throws IOException {
        return new GlobPaths(patterns, excludes, 0)
                .find().stream().map(f -> dir.relativize(Path.of(f.path())).toString()).toList();
    }

    @Test
    void globsMatchLikeRubyDirGlob() throws IOException {
        for (String f :
                List.of(
                        "mail.log",
                        "mail.log.1",
                        "mail.log.2.gz",
                        "other.txt",
                        ".hidden.log",
                        "sub/a.log",
                        "sub/deep/b.log")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x\n");
        }
        String d = dir.toString();
        assertThat(find(List.of(d + "/mail.log*"), List.of()))
                .containsExactly("mail.log", "mail.log.1", "mail.log.2.gz");
        assertThat(find(List.of(d + "/mail.log*"), List.of("*.gz")))
                .containsExactly("mail.log", "mail.log.1");
        assertThat(find(List.of(d + "/**/*.log"), List.of()))
                .containsExactly(".hidden.log", "mail.log", "sub/a.log", "sub/deep/b.log");
        assertThat(find(List.of(d + "/*/a.log", d + "/other.txt"), List.of()))
                .containsExactly("other.txt", "sub/a.log");
        assertThat(find(List.of(d + "/nope/*.log"), List.of())).isEmpty();
    }

    @Test
    void relativePatternsResolveAgainstTheCurrentDirectory() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(FileInputs.absolutePattern("logs/./x/../*.log")).isEqualTo(cwd + "/logs/*.log");
        assertThat(FileInputs.absolutePattern("/var//log/*.log")).isEqualTo("/var/log/*.log");
    }

    @Test
    void urisKeepTheirSchemeAndFileUrisAreLocalPaths() {
        assertThat(FileInputs.absolutePattern("s3://logs/2026/**/mail.log*"))
                .isEqualTo("s3://logs/2026/**/mail.log*");
        assertThat(FileInputs.absolutePattern("hdfs://nn:8020/logs/*.log"))
                .isEqualTo("hdfs://nn:8020/logs/*.log");
        assertThat(FileInputs.absolutePattern("file:///var/log/./mail.log*"))
                .isEqualTo("/var/log/mail.log*");
        assertThat(FileInputs.absolutePattern("file:/var/log/x.log")).isEqualTo("/var/log/x.log");
        assertThat(GlobPaths.root("s3://logs/2026/*.log")).isEqualTo("s3://logs");
        assertThat(GlobPaths.root("/var/log/*.log")).isNull();
        assertThat(GlobPaths.baseUri("s3://logs/2026/**/mail.log*").toString())
                .isEqualTo("s3://logs/2026");
        assertThat(GlobPaths.baseUri("/var/log/*.log").toUri().toString())
                .isEqualTo("file:///var/log/");
        assertThat(GlobPaths.shown(GlobPaths.flinkPath("s3://logs/2026/mail.log.2.gz")))
                .isEqualTo("s3://logs/2026/mail.log.2.gz");
        assertThat(GlobPaths.shown(GlobPaths.flinkPath("/var/log/mail.log")))
                .isEqualTo("/var/log/mail.log");
    }

    /** file:// URIs walk the local file system through Flink's FileSystem: the same files. */
    @Test
    void aFileUriPatternWalkedThroughFlinksFileSystemFindsTheLocalFiles() throws IOException {
        for (String f : List.of("a/mail.log", "a/b/mail.log.1", "a/b/c/mail.log.2.gz", "x.txt")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x\n");
        }
        // FileInputs folds file:// URIs into local paths; given to GlobPaths as they are, they
        // are walked through Flink's FileSystem (its local one), as s3:// URIs are
        List<GlobPaths.Found> found =
                new GlobPaths(List.of("file://" + dir + "/**/mail.log*"), List.of(), 0).find();
        assertThat(found)
                .extracting(GlobPaths.Found::path)
                .containsExactly(
                        "file://" + dir + "/a/b/c/mail.log.2.gz",
                        "file://" + dir + "/a/b/mail.log.1",
                        "file://" + dir + "/a/mail.log");
        assertThat(found).allMatch(f -> f.size() == 2);
    }
}
