package io.logaggregate.cli;

import io.logaggregate.config.ConfigException;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.job.PipelineSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compiles a pipeline file for a command, turning mistakes into one clear message. */
final class PipelineLoader {
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
        if (!Files.isRegularFile(file)) {
            err.println("log-aggregate: no such pipeline file: " + file);
            return null;
        }
        try {
            return PipelineCompiler.compile(file, settings);
        } catch (ConfigException e) {
            err.println("log-aggregate: configuration error");
            err.println(e.report());
            return null;
        }
    }
}
