package io.logaggregate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data directory of a local run (Logstash's {@code path.data}): what a run keeps so that the
 * next run of the same pipeline continues where it stopped, and what it needs while it runs.
 *
 * <pre>
 * DIR/checkpoints/&lt;job id&gt;/chk-N/   Flink checkpoints, retained when the process dies
 * DIR/savepoints/savepoint-…/       the savepoint a graceful stop (Ctrl-C, SIGTERM) takes
 * DIR/tmp/&lt;pid&gt;/                    Flink's and the JVM's temporary files, removed at exit
 *                                   (and, after a crash, by the next run)
 * DIR/pipeline                      the pipeline file whose state this is
 * DIR/.lock                         held while a run uses the directory
 * </pre>
 *
 * The default is {@code ./data/<name>}, one directory per pipeline: its {@code pipeline.id}, else
 * the pipeline file's base name, or its folder's name for a file called {@code pipeline.conf}
 * ({@code jobs/postfix/pipeline.conf} → {@code data/postfix}).
 *
 * <p>One run at a time: a second run of the same directory waits a little (a supervisor may restart
 * the service while the killed run's JVM is still going away), then refuses to start.
 */
final class DataDirectory implements AutoCloseable {
    /** How long a run waits for another run to release the directory. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(15);

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * The configured directory, or the default one: {@code ./data/<name>}, where the name is the
     * pipeline's ({@code pipeline.id}, else from its file name: {@link
     * io.logaggregate.job.PipelineSettings#jobName}).
     */
    static Path resolve(String configured, String pipelineName) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        String name = pipelineName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("data", name).toAbsolutePath().normalize();
    }

    /**
     * Takes the directory for a run: creates it, locks it, and gives it an empty {@code tmp/} (what
     * a killed run left there goes).
     *
     * @throws IllegalStateException when another run keeps it locked
     */
    static DataDirectory open(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel ch =
                    FileChannel.open(
                            dir.resolve(".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            FileLock lock = null;
            long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
            while (lock == null) {
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException sameJvm) {
                    lock = null;
                }
                if (lock == null) {
                    if (System.nanoTime() > deadline) {
                        ch.close();
                        throw new IllegalStateException(
                                "the data directory "
                                        + dir
                                        + " is in use by another run of this pipeline; stop it"
                                        + " first, or give this run its own --path.data");
                    }
                    Thread.sleep(200);
                }
            }
            DataDirectory d = new DataDirectory(dir, ch, lock);
            d.removeStaleTmp();
            Files.createDirectories(d.processTmp());
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + dir, e);
        }
    }

    Path path() {
        return dir;
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    /** This process's temporary directory: {@code tmp/<pid>}. */
    Path processTmp() {
        return processTmp(dir);
    }

    static Path processTmp(Path dataDir) {
        return dataDir.resolve("tmp").resolve(String.valueOf(ProcessHandle.current().pid()));
    }

    /** Removes what processes that are gone (killed runs) left in {@code tmp/}. */
    private void removeStaleTmp() {
        long self = ProcessHandle.current().pid();
        for (Path p : list(tmp())) {
            String name = p.getFileName().toString();
            long pid = name.matches("\\d{1,18}") ? Long.parseLong(name) : -1;
            boolean alive =
                    pid == self
                            || pid > 0
                                    && ProcessHandle.of(pid)
                                            .map(ProcessHandle::isAlive)
                                            .orElse(false);
            if (!alive) {
                deleteTree(p);
            }
        }
    }

    Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    Path savepoints() {
        return dir.resolve("savepoints");
    }

    private Path ownerFile() {
        return dir.resolve("pipeline");
    }

    /** The pipeline file whose state the directory holds (null when it never held any). */
    String owner() {
        try {
            return Files.readString(ownerFile(), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void setOwner(Path pipeline) {
        try {
            Files.writeString(
                    ownerFile(),
                    pipeline.toAbsolutePath().normalize() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The completed checkpoints and savepoints in the directory, newest first (by the time their
     * metadata was written; a checkpoint's metadata is the last thing Flink writes, so a directory
     * without it is an unfinished checkpoint and not listed).
     */
    List<Path> snapshots() {
        List<Path> found = new ArrayList<>();
        for (Path job : list(checkpoints())) {
            for (Path chk : list(job)) {
                if (CHECKPOINT.matcher(chk.getFileName().toString()).matches()
                        && Files.isRegularFile(chk.resolve("_metadata"))) {
                    found.add(chk);
                }
            }
        }
        for (Path sp : list(savepoints())) {
            if (Files.isRegularFile(sp.resolve("_metadata"))) {
                found.add(sp);
            }
        }
        found.sort(Comparator.comparingLong(DataDirectory::writtenAt).reversed());
        return found;
    }

    private static long writtenAt(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The number of a checkpoint directory ({@code chk-12} → 12), or -1 for a savepoint. */
    static long checkpointNumber(Path snapshot) {
        Matcher m = CHECKPOINT.matcher(snapshot.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Deletes the snapshots written before {@code kept}. */
    void discardSnapshotsOlderThan(Path kept) {
        long at = writtenAt(kept);
        for (Path s : snapshots()) {
            if (!s.equals(kept) && writtenAt(s) < at) {
                deleteTree(s);
            }
        }
        removeEmptyJobFolders();
    }

    /** Starts over: forgets every checkpoint and savepoint and whose they were. */
    void discardSnapshots() {
        deleteTree(checkpoints());
        deleteTree(savepoints());
        try {
            Files.deleteIfExists(ownerFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the folders of earlier runs that hold no checkpoint any more (Flink deletes a
     * checkpoint once a newer one subsumes it, but not the folder of the job that took it).
     */
    void removeEmptyJobFolders() {
        for (Path job : list(checkpoints())) {
            boolean hasCheckpoint =
                    list(job).stream()
                            .anyMatch(
                                    p -> CHECKPOINT.matcher(p.getFileName().toString()).matches());
            if (!hasCheckpoint) {
                deleteTree(job);
            }
        }
    }

    /**
     * Removes this process's temporary files, releases the lock, and removes the directory if
     * nothing is kept in it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        deleteTree(processTmp());
        try {
            if (list(tmp()).isEmpty()) {
                Files.deleteIfExists(tmp());
            }
        } catch (IOException e) {
            // another run's files
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        // the lock file stays while the directory keeps state: a run waiting for the lock holds
        // it open, and must not end up locking a deleted file beside a new one
        try {
            if (list(dir).stream().allMatch(p -> p.getFileName().toString().equals(".lock"))) {
                Files.deleteIfExists(dir.resolve(".lock"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // another run may have just taken it
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    /** Deletes a file tree, best effort (what cannot be deleted now goes at the next start). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            try {
                                Files.deleteIfExists(file);
                            } catch (IOException e) {
                                // best effort
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                            try {
                                Files.deleteIfExists(d);
                            } catch (IOException e) {
                                // best effort
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            // best effort
        }
    }
}
