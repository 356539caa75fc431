package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** `flink run -p N` / parallelism.default apply unless the pipeline sets its own; job names. */
class JobNameAndParallelismTest {

    private static List<Integer> parallelisms(int cliParallelism, int flinkDefault) {
        String text =
                "input { generator { lines => [\"x\"] count => 1 } }\n"
                        + "filter { mutate { add_field => { \"y\" => \"1\" } } }\n"
                        + "output { null { } }\n";
        CompiledPipeline pipeline =
                PipelineCompiler.compile(
                        ConfigParser.parse("p.conf", text, Map.of()), Path.of("/tmp"));
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, flinkDefault); // what `flink run -p` sets
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        PipelineJob.build(
                env,
                pipeline,
                PipelineSettings.none().runOptions().withParallelism(cliParallelism));
        return env.getStreamGraph().getStreamNodes().stream()
                .filter(n -> n.getOperatorName().equals("filters"))
                .map(StreamNode::getParallelism)
                .toList();
    }

    @Test
    void withoutParallelismTheEnvironmentsDefaultApplies() {
        assertThat(PipelineSettings.none().runOptions().parallelism()).isZero();
        assertThat(parallelisms(0, 3)).containsExactly(3);
    }

    @Test
    void theProgramsParallelismWins() {
        assertThat(parallelisms(2, 3)).containsExactly(2);
    }

    @Test
    void jobNameIsThePipelineIdElseTheFileElseItsFolder() {
        PipelineSettings none = PipelineSettings.none();
        assertThat(none.jobName(Path.of("jobs/postfix/pipeline.conf"))).isEqualTo("postfix");
        assertThat(none.jobName(Path.of("/etc/la/mail-sessions.conf"))).isEqualTo("mail-sessions");
        PipelineSettings withId =
                PipelineSettings.parse("p.yml", List.of("pipeline.id: mail # the mail logs"));
        assertThat(withId.jobName(Path.of("jobs/postfix/pipeline.conf"))).isEqualTo("mail");
    }

    @Test
    void fileSystemSettingsAreKeptForFlink() {
        PipelineSettings s =
                PipelineSettings.parse(
                        "p.yml",
                        List.of(
                                "pipeline.workers: 2",
                                "s3.endpoint: http://127.0.0.1:9000",
                                "s3.path.style.access: true",
                                "fs.s3a.connection.maximum: 20",
                                "fs.hdfs.hadoopconf: /etc/hadoop/conf",
                                "flink.hadoop.dfs.replication: 2"));
        assertThat(s.workers()).isEqualTo(2);
        assertThat(s.fileSystemConfig())
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("s3.path.style.access", "true")
                .containsEntry("fs.s3a.connection.maximum", "20")
                .containsEntry("fs.hdfs.hadoopconf", "/etc/hadoop/conf")
                .containsEntry("flink.hadoop.dfs.replication", "2")
                .hasSize(5);
        assertThat(s.overriddenBy(PipelineSettings.none()).fileSystemConfig())
                .isEqualTo(s.fileSystemConfig());
    }
}
