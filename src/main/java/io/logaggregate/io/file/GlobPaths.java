package io.logaggregate.io.file;

import java.io.IOException;
import java.io.Serializable;
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
import java.util.TreeMap;

/**
 * The file input's {@code path} globs and {@code exclude} patterns, resolved against the file
 * system each time {@link #find} runs (at start in read mode, every discover interval in tail
 * mode), on whichever machine runs the enumerator.
 *
 * <p>Globs follow Ruby's {@code Dir.glob} as Logstash uses it: {@code *}, {@code ?}, {@code [...]},
 * {@code {a,b}} within a name, and {@code **} for any number of directories, including none ({@code
 * /var/log/**}{@code /*.log} also matches {@code /var/log/a.log}). {@code exclude} patterns match
 * the file name only, as in Logstash.
 */
public final class GlobPaths implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A file found by a glob, with what the tail reader needs to notice replacement. */
    public record Found(String path, long size, long modifiedMillis, String fileKey) {}

    private final List<String> patterns;
    private final List<String> excludes;

    /** Files not modified for this long are skipped ({@code ignore_older}); 0 = never. */
    private final long ignoreOlderMillis;

    public GlobPaths(List<String> absolutePatterns, List<String> excludes, long ignoreOlderMillis) {
        this.patterns = List.copyOf(absolutePatterns);
        this.excludes = List.copyOf(excludes);
        this.ignoreOlderMillis = ignoreOlderMillis;
    }

    public List<String> patterns() {
        return patterns;
    }

    /** The regular files matching any pattern and no exclude, sorted by path. */
    public List<Found> find() throws IOException {
        List<PathMatcher> excludeMatchers = new ArrayList<>();
        for (String ex : excludes) {
            excludeMatchers.add(FileSystems.getDefault().getPathMatcher("glob:" + ex));
        }
        TreeMap<String, Found> found = new TreeMap<>();
        long now = System.currentTimeMillis();
        for (String pattern : patterns) {
            for (Found f : findOne(pattern)) {
                Path name = Path.of(f.path()).getFileName();
                boolean excluded = false;
                for (PathMatcher m : excludeMatchers) {
                    excluded |= name != null && m.matches(name);
                }
                boolean tooOld =
                        ignoreOlderMillis > 0 && now - f.modifiedMillis() > ignoreOlderMillis;
                if (!excluded && !tooOld) {
                    found.put(f.path(), f);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The directory to start walking from: the pattern's leading part without wildcards. */
    static Path baseDirectory(String pattern) {
        String[] parts = pattern.split("/", -1);
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (hasWildcard(parts[i])) {
                break;
            }
            base.append(parts[i]).append('/');
        }
        return Path.of(base.length() == 0 ? "/" : base.toString());
    }

    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static List<Found> findOne(String pattern) throws IOException {
        List<Found> out = new ArrayList<>();
        if (!hasWildcard(pattern)) {
            Path p = Path.of(pattern);
            if (Files.isRegularFile(p)) {
                out.add(describe(p, Files.readAttributes(p, BasicFileAttributes.class)));
            }
            return out;
        }
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        if (pattern.contains("/**/")) {
            // Ruby's "**/" also matches no directory at all; Java's glob needs at least one
            matchers.add(
                    FileSystems.getDefault()
                            .getPathMatcher("glob:" + pattern.replace("/**/", "/")));
        }
        Path base = baseDirectory(pattern);
        if (!Files.isDirectory(base)) {
            return out;
        }
        int depth =
                pattern.contains("**")
                        ? Integer.MAX_VALUE
                        : pattern.split("/", -1).length - base.getNameCount() - 1;
        Files.walkFileTree(
                base,
                EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                Math.max(depth, 1),
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            for (PathMatcher m : matchers) {
                                if (m.matches(file)) {
                                    out.add(describe(file, attrs));
                                    break;
                                }
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        // unreadable entries (permissions, vanished files) are skipped, as
                        // Dir.glob does
                        return FileVisitResult.CONTINUE;
                    }
                });
        return out;
    }

    private static Found describe(Path p, BasicFileAttributes a) {
        return new Found(
                p.toString(),
                a.size(),
                a.lastModifiedTime().toMillis(),
                a.fileKey() == null ? null : a.fileKey().toString());
    }
}
