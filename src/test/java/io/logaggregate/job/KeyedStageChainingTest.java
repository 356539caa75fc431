package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Where the records of the keyed aggregate stage are serialized: at parallelism 1 in streaming mode
 * the stage runs in the filters' chain (no keyBy exchange), otherwise behind a keyBy.
 */
class KeyedStageChainingTest {
    private static final String PIPELINE =
            "input { generator { lines => [\"a 1\"] count => 1 } }\n"
                    + "filter {\n"
                    + "  grok { match => { \"message\" => \"%{WORD:id} %{INT:n}\" } }\n"
                    + "  aggregate { task_id => \"%{id}\" code => \"map['n'] = 1\" }\n"
                    + "}\n"
                    + "output { null { } }\n";

    /** The names of the job's tasks: chained operators share one task, joined by " -> ". */
    private static List<String> tasks(int parallelism, boolean batch) {
        CompiledPipeline pipeline =
                PipelineCompiler.compile(
                        ConfigParser.parse("p.conf", PIPELINE, Map.of()), Path.of("/tmp"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RunOptions options =
                new RunOptions(
                        parallelism,
                        batch,
                        RunOptions.DEFAULT_OUT_OF_ORDERNESS,
                        RunOptions.DEFAULT_IDLENESS,
                        Duration.ZERO);
        PipelineJob.build(env, pipeline, options);
        return env
                .getStreamGraph()
                .getJobGraph()
                .getVerticesSortedTopologicallyFromSources()
                .stream()
                .map(JobVertex::getName)
                .toList();
    }

    @Test
    void atParallelismOneTheAggregateRunsInTheFiltersChain() {
        assertThat(tasks(1, false))
                .anySatisfy(t -> assertThat(t).contains("filters -> aggregate_"));
    }

    @Test
    void atParallelismTwoTheAggregateIsBehindAKeyBy() {
        List<String> tasks = tasks(2, false);
        assertThat(tasks).noneSatisfy(t -> assertThat(t).contains("filters -> aggregate_"));
        assertThat(tasks).anySatisfy(t -> assertThat(t).startsWith("aggregate_"));
    }

    @Test
    void batchModeKeepsTheKeyByAtParallelismOne() {
        assertThat(tasks(1, true))
                .noneSatisfy(t -> assertThat(t).contains("filters -> aggregate_"));
    }
}
