package io.logaggregate.cli;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PipelinePath;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.job.PipelineSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compiles a pipeline file for a command, turning mistakes into one clear message. */
final class PipelineLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLoader.class);

    private PipelineLoader() {}

    /** The pipeline's settings file merged with the command line; null after printing why not. */
    static PipelineSettings settings(Path file, PipelineSettings cli, PrintStream err) {
        try {
            return PipelineSettings.load(file).overriddenBy(cli);
        } catch (ConfigException e) {
            err.println("log-aggregate: configuration error");
            err.println(e.report());
            return null;
        }
    }

    /** The compiled pipeline, or null after printing why it could not be compiled. */
    static CompiledPipeline load(Path file, PipelineSettings settings, PrintStream err) {
        // a file, a directory of .conf files or a glob, as Logstash's path.config
        List<Path> files;
        try {
            files = PipelinePath.files(file);
        } catch (IOException e) {
            err.println("log-aggregate: cannot read pipeline " + file + ": " + e);
            return null;
        }
        if (files.isEmpty()) {
            err.println(
                    Files.isDirectory(file)
                            ? "log-aggregate: no pipeline files in directory " + file
                            : PipelinePath.isGlob(file)
                                    ? "log-aggregate: no pipeline file matches " + file
                                    : "log-aggregate: no such pipeline file: " + file);
            return null;
        }
        try {
            return PipelineCompiler.compile(file, settings);
        } catch (ConfigException e) {
            err.println("log-aggregate: configuration error");
            err.println(report(e));
            return null;
        } catch (RuntimeException | LinkageError e) {
            // a bug of ours rather than of the pipeline; still one line, not a stack trace
            err.println("log-aggregate: could not compile " + file + ": " + e);
            LOG.debug("compiling {} failed", file, e);
            return null;
        }
    }

    /** {@code file:line:column: message}, then the offending line with a caret. */
    static String report(ConfigException e) {
        if (e.excerpt() != null && !e.excerpt().isEmpty()) {
            return e.report();
        }
        String excerpt = SourceExcerpt.of(e.location());
        return excerpt == null ? e.report() : e.report() + "\n" + excerpt;
    }
}
