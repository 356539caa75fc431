package io.logaggregate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir Path dir;

    @Test
    void theDefaultIsOneFolderPerPipelineUnderDotData() {
        assertThat(DataDirectory.resolve(null, "postfix"))
                .isEqualTo(Path.of("data", "postfix").toAbsolutePath());
        assertThat(DataDirectory.resolve("", "mail sessions/x"))
                .isEqualTo(Path.of("data", "mail_sessions_x").toAbsolutePath());
        assertThat(DataDirectory.resolve(dir.resolve("a/../b").toString(), "postfix"))
                .isEqualTo(dir.resolve("b"));
    }

    @Test
    void snapshotsAreListedNewestFirst_unfinishedOnesNot_andOlderOnesCanGo() throws Exception {
        Path data = dir.resolve("data");
        Path chk3 = snapshot(data.resolve("checkpoints/job1/chk-3"), 1000);
        Path sp = snapshot(data.resolve("savepoints/savepoint-ab-cd"), 3000);
        Path chk9 = snapshot(data.resolve("checkpoints/job2/chk-9"), 2000);
        Files.createDirectories(data.resolve("checkpoints/job2/chk-10")); // no _metadata yet
        Files.createDirectories(data.resolve("checkpoints/job0/shared")); // an emptied job folder
        try (DataDirectory d = DataDirectory.open(data)) {
            assertThat(d.snapshots()).containsExactly(sp, chk9, chk3);
            d.discardSnapshotsOlderThan(chk9);
            assertThat(d.snapshots()).containsExactly(sp, chk9);
            assertThat(data.resolve("checkpoints/job1")).doesNotExist();
            assertThat(data.resolve("checkpoints/job0")).doesNotExist();
            d.discardSnapshots();
            assertThat(d.snapshots()).isEmpty();
        }
        assertThat(DataDirectory.checkpointNumber(chk9)).isEqualTo(9);
        assertThat(DataDirectory.checkpointNumber(sp)).isEqualTo(-1);
    }

    @Test
    void whatAKilledRunLeftInTmpGoes_andAnEmptyDirectoryIsRemovedAtClose() throws Exception {
        Path data = dir.resolve("data");
        Path stale = Files.createDirectories(data.resolve("tmp/999999999/blobStorage"));
        Files.writeString(stale.resolve("x"), "left by a killed run");
        try (DataDirectory d = DataDirectory.open(data)) {
            assertThat(data.resolve("tmp/999999999")).doesNotExist();
            assertThat(d.processTmp())
                    .isDirectory()
                    .isEqualTo(data.resolve("tmp/" + ProcessHandle.current().pid()));
            Files.writeString(d.processTmp().resolve("flink-rpc.jar"), "x");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aDirectoryWithStateStaysWithItsOwner() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirectory d = DataDirectory.open(data)) {
            snapshot(data.resolve("checkpoints/j/chk-1"), 1000);
            d.setOwner(dir.resolve("p.conf"));
            assertThat(d.owner()).isEqualTo(dir.resolve("p.conf").toString());
        }
        assertThat(data.resolve("pipeline")).exists();
        assertThat(data.resolve("tmp")).doesNotExist();
    }

    private static Path snapshot(Path at, long mtime) throws Exception {
        Files.createDirectories(at);
        Path meta = Files.writeString(at.resolve("_metadata"), "m");
        Files.setLastModifiedTime(meta, FileTime.fromMillis(mtime));
        return at;
    }
}
