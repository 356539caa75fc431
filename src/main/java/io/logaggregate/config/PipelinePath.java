package io.logaggregate.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a pipeline path names, as Logstash's {@code path.config} (its {@code ConfigPathLoader}): a
 * file; a directory, meaning every file directly in it ({@code dir/*}); or a glob ({@code
 * conf.d/*.conf}, {@code pipelines/**}{@code /*.conf}). The files come in lexical order of their
 * paths (Ruby's {@code Dir.glob(...).sort}); directories, hidden files (which Ruby's {@code *} does
 * not match) and editor backups ending in {@code ~} are skipped. {@link ConfigParser#parse( String,
 * List, java.util.Map)} then reads them as one text, keeping each file's own lines for error
 * locations.
 */
public final class PipelinePath {
    private PipelinePath() {}

    /** True if the path has a glob wildcard: {@code * ? [ {}. */
    public static boolean isGlob(Path path) {
        String s = path.toString();
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The pipeline's files in the order Logstash concatenates them; empty if there are none. */
    public static List<Path> files(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<Path> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(path)) {
                s.filter(PipelinePath::isConfigFile)
                        .sorted(PipelinePath::lexical)
                        .forEach(out::add);
            }
            return out;
        }
        if (!isGlob(path)) {
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        return glob(path);
    }

    /**
     * The folder relative paths in the pipeline fall back to (after the working directory): the
     * folder of a pipeline file, the directory itself, or the part of a glob before its first
     * wildcard.
     */
    public static Path folder(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return abs;
        }
        if (isGlob(path)) {
            return base(abs);
        }
        return abs.getParent();
    }

    private static boolean isConfigFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && !name.startsWith(".") && !name.endsWith("~");
    }

    private static int lexical(Path a, Path b) {
        return a.toString().compareTo(b.toString());
    }

    /** The leading directories of a glob that hold no wildcard. */
    private static Path base(Path absGlob) {
        Path base = absGlob.getRoot();
        for (Path part : absGlob) {
            if (isGlob(part)) {
                break;
            }
            base = base.resolve(part);
        }
        return base;
    }

    private static List<Path> glob(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        String pattern = abs.toString();
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        if (pattern.contains("/**/")) {
            // Ruby's "**/" also matches no directory at all; Java's glob needs at least one
            matchers.add(
                    FileSystems.getDefault()
                            .getPathMatcher("glob:" + pattern.replace("/**/", "/")));
        }
        Path base = base(abs);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return out;
        }
        int depth =
                pattern.contains("**")
                        ? Integer.MAX_VALUE
                        : abs.getNameCount() - base.getNameCount();
        Files.walkFileTree(
                base,
                EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                Math.max(depth, 1),
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && isConfigFile(file)) {
                            for (PathMatcher m : matchers) {
                                if (m.matches(file)) {
                                    out.add(file);
                                    break;
                                }
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        // report the files as the user wrote the path: relative stays relative
        List<Path> shown = new ArrayList<>();
        Path cwd = Path.of("").toAbsolutePath();
        for (Path f : out) {
            shown.add(path.isAbsolute() ? f : cwd.relativize(f));
        }
        shown.sort(PipelinePath::lexical);
        return shown;
    }
}
