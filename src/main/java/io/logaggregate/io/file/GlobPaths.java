package io.logaggregate.io.file;

import java.io.FileNotFoundException;
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
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * The file input's {@code path} globs and {@code exclude} patterns, resolved against the file
 * system each time {@link #find} runs (at start in read mode, every discover interval in tail
 * mode), on whichever machine runs the enumerator.
 *
 * <p>Globs follow Ruby's {@code Dir.glob} as Logstash uses it: {@code *}, {@code ?}, {@code [...]},
 * {@code {a,b}} within a name, and {@code **} for any number of directories, including none ({@code
 * /var/log/**}{@code /*.log} also matches {@code /var/log/a.log}). {@code exclude} patterns match
 * the file name only, as in Logstash.
 *
 * <p>A pattern is a local path ({@code /var/log/*.log}) or the URI of a file system Flink knows
 * ({@code s3://bucket/logs/**}{@code /mail.log*}, {@code hdfs://namenode:8020/logs/*.log}). Local
 * patterns are walked with java.nio, as always: it follows symbolic links safely (a link loop is
 * skipped) and gives each file its key (inode), by which tail mode notices a rotated file. Other
 * patterns are walked through Flink's {@link FileSystem} (its S3, HDFS, ... plugins): one listing
 * per directory level under the pattern's fixed prefix, matched with the same globs.
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
                Path name = Path.of(pathPart(f.path())).getFileName();
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

    /**
     * The scheme and authority of a URI pattern ({@code s3://bucket}), or null for a local path.
     */
    static String root(String pattern) {
        int sep = pattern.indexOf("://");
        if (sep <= 0 || !pattern.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return null;
        }
        int slash = pattern.indexOf('/', sep + 3);
        return slash < 0 ? pattern : pattern.substring(0, slash);
    }

    /** True if the pattern names files of the local file system. */
    static boolean isLocal(String pattern) {
        return root(pattern) == null;
    }

    /** The path part of a pattern ({@code /logs/*.log} of {@code s3://bucket/logs/*.log}). */
    private static String pathPart(String pattern) {
        String root = root(pattern);
        if (root == null) {
            return pattern;
        }
        String rest = pattern.substring(root.length());
        return rest.isEmpty() ? "/" : rest;
    }

    /** The directory to start walking from: the pattern's leading part without wildcards. */
    static Path baseDirectory(String pattern) {
        return Path.of(basePath(pathPart(pattern)));
    }

    private static String basePath(String path) {
        String[] parts = path.split("/", -1);
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (hasWildcard(parts[i])) {
                break;
            }
            base.append(parts[i]).append('/');
        }
        return base.length() == 0 ? "/" : base.toString();
    }

    /** The pattern's base directory as a Flink path, with its scheme (file:/// when local). */
    static org.apache.flink.core.fs.Path baseUri(String pattern) {
        String root = root(pattern);
        if (root == null) {
            return new org.apache.flink.core.fs.Path(baseDirectory(pattern).toUri());
        }
        return new org.apache.flink.core.fs.Path(root + basePath(pathPart(pattern)));
    }

    /** The Flink path of a found file: a local path becomes a file:/// URI. */
    static org.apache.flink.core.fs.Path flinkPath(String found) {
        if (isLocal(found)) {
            return new org.apache.flink.core.fs.Path(new java.io.File(found).toURI());
        }
        return new org.apache.flink.core.fs.Path(found);
    }

    /**
     * How a file's path shows in events ({@code path}, {@code [log][file][path]}): a local file by
     * its path, as Logstash does; a file elsewhere by its full URI ({@code s3://bucket/key}).
     */
    static String shown(org.apache.flink.core.fs.Path path) {
        String scheme = path.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            return path.toUri().getPath();
        }
        return path.toString();
    }

    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> matchers(String globPath) {
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + globPath));
        if (globPath.contains("/**/")) {
            // Ruby's "**/" also matches no directory at all; Java's glob needs at least one
            matchers.add(
                    FileSystems.getDefault()
                            .getPathMatcher("glob:" + globPath.replace("/**/", "/")));
        }
        return matchers;
    }

    private static boolean matches(List<PathMatcher> matchers, Path file) {
        for (PathMatcher m : matchers) {
            if (m.matches(file)) {
                return true;
            }
        }
        return false;
    }

    private static List<Found> findOne(String pattern) throws IOException {
        if (!isLocal(pattern)) {
            return findRemote(pattern);
        }
        List<Found> out = new ArrayList<>();
        if (!hasWildcard(pattern)) {
            Path p = Path.of(pattern);
            if (Files.isRegularFile(p)) {
                out.add(describe(p, Files.readAttributes(p, BasicFileAttributes.class)));
            }
            return out;
        }
        List<PathMatcher> matchers = matchers(pattern);
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
                        if (attrs.isRegularFile() && matches(matchers, file)) {
                            out.add(describe(file, attrs));
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

    /**
     * A pattern on another file system, walked through Flink's FileSystem: the base directory is
     * listed, then each sub-directory as deep as the pattern reaches. An object store has no real
     * directories; its listing by prefix and "/" shows them all the same.
     */
    private static List<Found> findRemote(String pattern) throws IOException {
        String root = root(pattern);
        String path = pathPart(pattern);
        org.apache.flink.core.fs.Path base = baseUri(pattern);
        FileSystem fs = base.getFileSystem();
        List<Found> out = new ArrayList<>();
        if (!hasWildcard(path)) {
            org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(pattern);
            try {
                FileStatus st = fs.getFileStatus(file);
                if (!st.isDir()) {
                    out.add(describe(root, st));
                }
            } catch (FileNotFoundException missing) {
                // no such file: nothing matches, as with a local path
            }
            return out;
        }
        List<PathMatcher> matchers = matchers(path);
        int depth =
                path.contains("**")
                        ? Integer.MAX_VALUE
                        : path.split("/", -1).length - Path.of(basePath(path)).getNameCount() - 1;
        walkRemote(fs, root, base, Math.max(depth, 1), matchers, out);
        return out;
    }

    private static void walkRemote(
            FileSystem fs,
            String root,
            org.apache.flink.core.fs.Path dir,
            int depthLeft,
            List<PathMatcher> matchers,
            List<Found> out)
            throws IOException {
        FileStatus[] listing;
        try {
            listing = fs.listStatus(dir);
        } catch (FileNotFoundException missing) {
            return;
        }
        if (listing == null) {
            return;
        }
        for (FileStatus st : listing) {
            if (st.isDir()) {
                if (depthLeft > 1) {
                    walkRemote(fs, root, st.getPath(), depthLeft - 1, matchers, out);
                }
            } else if (matches(matchers, Path.of(st.getPath().toUri().getPath()))) {
                out.add(describe(root, st));
            }
        }
    }

    private static Found describe(String root, FileStatus st) {
        return new Found(
                root + st.getPath().toUri().getPath(), st.getLen(), st.getModificationTime(), null);
    }

    private static Found describe(Path p, BasicFileAttributes a) {
        return new Found(
                p.toString(),
                a.size(),
                a.lastModifiedTime().toMillis(),
                a.fileKey() == null ? null : a.fileKey().toString());
    }
}
