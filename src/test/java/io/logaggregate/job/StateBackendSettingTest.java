package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ConfigParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** state.backend in the settings file and --state-backend: which Flink backend a job gets. */
class StateBackendSettingTest {

    @Test
    void settingsFileKeyAndCommandLineOverride() {
        PipelineSettings file =
                PipelineSettings.parse("p.yml", List.of("state.backend: rocksdb  # big state"));
        assertThat(file.runOptions().stateBackend()).isEqualTo(RunOptions.StateBackend.ROCKSDB);
        PipelineSettings cli =
                new PipelineSettings(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        RunOptions.StateBackend.HEAP);
        assertThat(file.overriddenBy(cli).runOptions().stateBackend())
                .isEqualTo(RunOptions.StateBackend.HEAP);
        assertThat(PipelineSettings.none().runOptions().stateBackend()).isNull();
        assertThat(RunOptions.StateBackend.parse("HashMap"))
                .isEqualTo(RunOptions.StateBackend.HEAP);
    }

    @Test
    void anUnknownBackendNamesFileAndLine() {
        assertThatThrownBy(
                        () ->
                                PipelineSettings.parse(
                                        "p.yml",
                                        List.of("pipeline.workers: 2", "state.backend: disk")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.backend")
                .hasMessageContaining("disk")
                .hasMessageContaining("heap, rocksdb")
                .satisfies(e -> assertThat(((ConfigException) e).location().line()).isEqualTo(2));
    }

    @Test
    void theJobIsConfiguredWithFlinksNameOfTheBackend() {
        assertThat(backendOf(RunOptions.StateBackend.ROCKSDB)).isEqualTo("rocksdb");
        assertThat(backendOf(RunOptions.StateBackend.HEAP)).isEqualTo("hashmap");
        // none chosen: the environment's (under flink run, the cluster's) stays
        assertThat(backendOf(null)).isEqualTo(StateBackendOptions.STATE_BACKEND.defaultValue());
    }

    private static String backendOf(RunOptions.StateBackend backend) {
        CompiledPipeline pipeline =
                PipelineCompiler.compile(
                        ConfigParser.parse(
                                "p.conf",
                                "input { generator { lines => [\"x\"] count => 1 } }\n"
                                        + "output { null { } }\n",
                                Map.of()),
                        Path.of("."));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        PipelineJob.build(
                env,
                pipeline,
                new RunOptions(1, false, Duration.ZERO, Duration.ZERO, Duration.ZERO, backend));
        return env.getConfiguration().get(StateBackendOptions.STATE_BACKEND);
    }
}
