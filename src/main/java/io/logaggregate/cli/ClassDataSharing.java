package io.logaggregate.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A dynamic Class Data Sharing archive for the local-run JVM, kept beside the jar as {@code
 * log-aggregate-jdk<version>.jsa}: the classes a {@code run} loaded, already parsed and verified,
 * mapped from the archive at the next start instead of read from the jars. Measured on the example
 * job: CPU time of a start halved, JRuby's start 5-8 s down to 1.6 s.
 *
 * <p>The first {@code run} after a build records the archive as it exits ({@code
 * -XX:ArchiveClassesAtExit}, a few seconds more); later starts use it. It is recorded to a
 * temporary file and moved into place only when that run succeeded, so a concurrent start never
 * sees half an archive. The JVM checks the archive against the class path (jar sizes and times) and
 * silently ignores one that does not fit, so a stale archive can cost speed, never correctness; one
 * older than the jar or a library is recorded again. A user who sets {@code -Xshare} or an archive
 * option of their own keeps full control.
 */
final class ClassDataSharing {
    private final Path archive;
    private final Path recording;
    private final List<String> options;

    private ClassDataSharing(Path archive, Path recording, List<String> options) {
        this.archive = archive;
        this.recording = recording;
        this.options = options;
    }

    /**
     * @param run whether the command is {@code run}: only a run loads the classes worth keeping (a
     *     {@code check} or {@code --help} would record an archive without Flink's runtime)
     */
    static ClassDataSharing plan(Path jar, Path lib, List<String> userOptions, boolean run) {
        for (String o : userOptions) {
            if (o.startsWith("-Xshare")
                    || o.startsWith("-XX:SharedArchiveFile")
                    || o.startsWith("-XX:ArchiveClassesAtExit")) {
                return none();
            }
        }
        Path dir = jar.getParent();
        // one archive per JDK build: an archive only fits the JDK that wrote it
        String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_");
        Path archive = dir.resolve("log-aggregate-jdk" + jdk + ".jsa");
        if (isFresh(archive, jar, lib)) {
            return new ClassDataSharing(archive, null, List.of("-XX:SharedArchiveFile=" + archive));
        }
        if (run && Files.isWritable(dir)) {
            Path recording =
                    dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
            return new ClassDataSharing(
                    archive, recording, List.of("-XX:ArchiveClassesAtExit=" + recording));
        }
        return none();
    }

    private static ClassDataSharing none() {
        return new ClassDataSharing(null, null, List.of());
    }

    /** The archive exists and is newer than the jar and every library. */
    private static boolean isFresh(Path archive, Path jar, Path lib) {
        try {
            if (!Files.isRegularFile(archive)) {
                return false;
            }
            long made = Files.getLastModifiedTime(archive).toMillis();
            if (Files.getLastModifiedTime(jar).toMillis() > made
                    || Files.getLastModifiedTime(lib).toMillis() > made) {
                return false;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib)) {
                for (Path p : jars) {
                    if (Files.getLastModifiedTime(p).toMillis() > made) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Options for the child JVM. */
    List<String> options() {
        return options;
    }

    /** After the child exited: keep a recorded archive if the run succeeded. */
    void finish(boolean succeeded) {
        if (recording == null || !Files.isRegularFile(recording)) {
            return;
        }
        if (!succeeded) {
            discard();
            return;
        }
        try {
            try {
                Files.move(
                        recording,
                        archive,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // only speed is lost; the next run records again
            discard();
        }
    }

    /** Removes a recording that will not be used (failed or interrupted run). */
    void discard() {
        if (recording != null) {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }
}
