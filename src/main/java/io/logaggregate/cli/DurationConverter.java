package io.logaggregate.cli;

import io.logaggregate.job.PipelineSettings;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code 5s}, {@code 250ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return PipelineSettings.duration(value);
    }
}
