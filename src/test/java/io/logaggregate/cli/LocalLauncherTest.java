package io.logaggregate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local launcher's JVM options and its Class Data Sharing archive life cycle. */
class LocalLauncherTest {
    @TempDir Path dir;
    Path jar;
    Path lib;

    @BeforeEach
    void buildOutput() throws Exception {
        jar = Files.writeString(dir.resolve("log-aggregate.jar"), "jar");
        lib = Files.createDirectory(dir.resolve("lib"));
        Files.writeString(lib.resolve("flink.jar"), "lib");
        age(jar, 100);
        age(lib.resolve("flink.jar"), 100);
        age(lib, 100);
    }

    private static void age(Path p, int secondsAgo) throws Exception {
        Files.setLastModifiedTime(
                p, FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000L));
    }

    private Path archive() {
        String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_");
        return dir.resolve("log-aggregate-jdk" + jdk + ".jsa");
    }

    @Test
    void warningsGoToStderrAndTheThroughputCollectorIsTheDefault() {
        assertThat(LocalLauncher.jvmOptions(List.of("-Xmx1g")))
                .containsSubsequence(
                        "-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr", "-XX:+UseParallelGC")
                .endsWith("-Xmx1g");
    }

    @Test
    void smallerCompiledUnitsUnlessTheUserSetsTheirOwn() {
        assertThat(LocalLauncher.jvmOptions(List.of())).contains("-XX:InlineSmallCode=1000");
        assertThat(LocalLauncher.jvmOptions(List.of("-XX:InlineSmallCode=2500")))
                .containsOnlyOnce("-XX:InlineSmallCode=2500")
                .doesNotContain("-XX:InlineSmallCode=1000");
    }

    @Test
    void aCollectorChosenByTheUserIsKept() {
        assertThat(LocalLauncher.jvmOptions(List.of("-XX:+UseG1GC")))
                .doesNotContain("-XX:+UseParallelGC")
                .endsWith("-XX:+UseG1GC");
    }

    @Test
    void firstRunRecordsTheArchiveAndKeepsItWhenTheRunSucceeded() throws Exception {
        ClassDataSharing cds = ClassDataSharing.plan(jar, lib, List.of(), true);
        assertThat(cds.options()).hasSize(1);
        String option = cds.options().get(0);
        assertThat(option).startsWith("-XX:ArchiveClassesAtExit=" + archive() + ".");
        Path recording = Path.of(option.substring(option.indexOf('=') + 1));
        Files.writeString(recording, "archive"); // what the JVM writes at exit

        cds.finish(true);

        assertThat(recording).doesNotExist();
        assertThat(archive()).hasContent("archive");
        assertThat(ClassDataSharing.plan(jar, lib, List.of(), true).options())
                .containsExactly("-XX:SharedArchiveFile=" + archive());
    }

    @Test
    void aFailedRunKeepsNoArchive() throws Exception {
        ClassDataSharing cds = ClassDataSharing.plan(jar, lib, List.of(), true);
        String option = cds.options().get(0);
        Path recording = Path.of(option.substring(option.indexOf('=') + 1));
        Files.writeString(recording, "archive");

        cds.finish(false);

        assertThat(recording).doesNotExist();
        assertThat(archive()).doesNotExist();
    }

    @Test
    void anArchiveOlderThanTheJarOrALibraryIsRecordedAgain() throws Exception {
        Files.writeString(archive(), "old");
        age(archive(), 50);
        assertThat(ClassDataSharing.plan(jar, lib, List.of(), true).options())
                .containsExactly("-XX:SharedArchiveFile=" + archive());

        age(lib.resolve("flink.jar"), 10); // a library rebuilt after the archive
        assertThat(ClassDataSharing.plan(jar, lib, List.of(), true).options().get(0))
                .startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void onlyRunRecordsAnArchive() {
        // check or --help load too few classes to be worth keeping
        assertThat(ClassDataSharing.plan(jar, lib, List.of(), false).options()).isEmpty();
    }

    @Test
    void theUsersOwnSharingOptionsWin() throws Exception {
        Files.writeString(archive(), "fresh");
        assertThat(ClassDataSharing.plan(jar, lib, List.of("-Xshare:off"), true).options())
                .isEmpty();
        assertThat(
                        ClassDataSharing.plan(
                                        jar, lib, List.of("-XX:SharedArchiveFile=/x.jsa"), true)
                                .options())
                .isEmpty();
    }
}
