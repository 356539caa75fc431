package io.logaggregate.io.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How read mode cuts files into splits, and when a file cut in ranges counts as completed. */
class ReadSplitsTest {
    @TempDir Path dir;

    @Test
    void rangesAreEqual_atMostTheSplitSize_andAMultipleOfTheParallelism() {
        assertThat(GlobFileEnumerator.ranges(100, 100, 2)).containsExactly(0, 100);
        // up to 10% over the split size stays one split, as Hadoop's SPLIT_SLOP
        assertThat(GlobFileEnumerator.ranges(110, 100, 2)).containsExactly(0, 110);
        assertThat(GlobFileEnumerator.ranges(111, 100, 2)).containsExactly(0, 56, 111);
        // 400 MB at 64 MB: 7 parts, 8 with two readers, so both read the same amount
        long mb = 1 << 20;
        long[] r = GlobFileEnumerator.ranges(400 * mb, 64 * mb, 2);
        assertThat(r).hasSize(9);
        assertThat(r[1]).isEqualTo(50 * mb);
        assertThat(r[8]).isEqualTo(400 * mb);
        assertThat(GlobFileEnumerator.ranges(400 * mb, 64 * mb, 1)).hasSize(8);
        // never an empty range
        assertThat(GlobFileEnumerator.ranges(10, 1, 4))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void onlyLargePlainFilesAreCut() throws Exception {
        Path big = dir.resolve("big.log");
        Path small = dir.resolve("small.log");
        Path gz = dir.resolve("big.log.gz");
        Files.write(big, new byte[5000]);
        Files.write(small, new byte[500]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(new byte[100_000]);
        }
        Files.write(dir.resolve("empty.log"), new byte[0]);
        Collection<FileSourceSplit> splits =
                new GlobFileEnumerator(globs(), CompletedFileAction.nothing(), 1000)
                        .enumerateSplits(null, 2);
        List<String> seen = new ArrayList<>();
        for (FileSourceSplit s : splits) {
            seen.add(name(s) + "@" + s.offset() + "+" + s.length());
        }
        String gzSize = String.valueOf(Files.size(gz));
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "big.log@0+834",
                        "big.log@834+834",
                        "big.log@1668+833",
                        "big.log@2501+833",
                        "big.log@3334+833",
                        "big.log@4167+833",
                        "small.log@0+500",
                        "big.log.gz@0+" + gzSize);
        // split size 0: one split per file
        assertThat(
                        new GlobFileEnumerator(globs(), CompletedFileAction.nothing(), 0)
                                .enumerateSplits(null, 2))
                .hasSize(3);
    }

    @Test
    void aFileCutInRangesIsCompletedOnceAllAreRead() throws Exception {
        Path big = dir.resolve("big.log");
        Path small = dir.resolve("small.log");
        Files.write(big, new byte[3000]);
        Files.write(small, new byte[10]);
        Path log = dir.resolve("completed.log");
        CompletedFileAction action = new CompletedFileAction(false, log.toString());
        List<FileSourceSplit> splits =
                new ArrayList<>(
                        new GlobFileEnumerator(globs(), action, 1000).enumerateSplits(null, 2));
        splits.sort((a, b) -> Long.compare(b.length(), a.length())); // big ranges first
        assertThat(splits).hasSize(5); // 4 ranges, and the small file

        try (MockSplitEnumeratorContext<FileSourceSplit> ctx =
                new MockSplitEnumeratorContext<>(2)) {
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            ctx.registerReader(new ReaderInfo(1, "localhost"));
            ReadSplitEnumerator e = new ReadSplitEnumerator(ctx, splits, action, false);
            e.handleSplitRequest(0, null); // range 1 → reader 0
            e.handleSplitRequest(1, null); // range 2 → reader 1
            e.handleSplitRequest(0, null); // range 1 read; range 3 → reader 0
            // reader 1 fails: range 2 is given back and read again later
            e.addSplitsBack(List.of(splits.get(1)), 1);
            e.handleSplitRequest(1, null); // range 2 → reader 1 again
            e.handleSplitRequest(0, null); // range 3 read; range 4 → reader 0
            e.handleSplitRequest(0, null); // range 4 read; small file → reader 0
            assertThat(log).doesNotExist(); // range 2 is still being read
            e.handleSplitRequest(1, null); // range 2 read: the big file is complete
            assertThat(Files.readAllLines(log)).containsExactly(big.toString());
            assertThat(ctx.hasNoMoreSplits(1)).isTrue();
            e.handleSplitRequest(0, null); // the small file's reader completes it itself
            assertThat(Files.readAllLines(log)).containsExactly(big.toString());
            assertThat(ctx.hasNoMoreSplits(0)).isTrue();
        }
    }

    private GlobPaths globs() {
        return new GlobPaths(List.of(dir + "/*.log*"), List.of(), 0);
    }

    private static String name(FileSourceSplit s) {
        return Path.of(s.path().getPath()).getFileName().toString();
    }
}
