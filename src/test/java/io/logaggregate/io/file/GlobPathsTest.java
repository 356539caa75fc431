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
}
