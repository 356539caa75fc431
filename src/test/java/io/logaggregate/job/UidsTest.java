package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ConfigParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Operator uids follow what identifies the state: an edited pipeline keeps each task_id pattern's
 * state with that pattern, and each input and output with its id or position.
 */
class UidsTest {

    private static final String INPUT =
            "input { file { path => \"/tmp/in.log\" mode => \"read\" }\n"
                    + "        generator { lines => [\"x\"] count => 1 id => \"gen\" } }\n";
    private static final String OUTPUT =
            "output { if [a] { stdout { } } else { null { } }\n"
                    + "         file { path => \"/tmp/out\" id => \"archive\" } }\n";

    private static String aggregate(String taskId) {
        return "aggregate { task_id => \"" + taskId + "\" code => \"map['n'] = 1\" }\n";
    }

    /** uid → operator name of every operator in the job's stream graph. */
    private static Map<String, String> uids(String filters) {
        String text = INPUT + "filter {\n" + filters + "}\n" + OUTPUT;
        CompiledPipeline pipeline =
                PipelineCompiler.compile(
                        ConfigParser.parse("pipeline.conf", text, Map.of()), Path.of("/tmp"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineJob.build(
                env,
                pipeline,
                new RunOptions(
                        0,
                        false,
                        RunOptions.DEFAULT_OUT_OF_ORDERNESS,
                        RunOptions.DEFAULT_IDLENESS,
                        RunOptions.DEFAULT_CHECKPOINT_INTERVAL));
        StreamGraph graph = env.getStreamGraph(); // fails if an operator has no uid
        Map<String, String> uids = new TreeMap<>();
        for (StreamNode n : graph.getStreamNodes()) {
            assertThat(n.getTransformationUID()).as(n.getOperatorName()).isNotNull();
            assertThat(uids.put(n.getTransformationUID(), n.getOperatorName()))
                    .as("uid %s is unique", n.getTransformationUID())
                    .isNull();
        }
        return uids;
    }

    @Test
    void inputsAndOutputsAreKnownByIdElseByPluginAndPosition() {
        Map<String, String> uids = uids(aggregate("%{a}"));
        assertThat(uids)
                .containsKeys(
                        "input-file-1",
                        "input-id-gen",
                        "filters",
                        Uids.aggregate("%{a}"),
                        "output-stdout-1",
                        "output-null-2",
                        "output-id-archive");
    }

    @Test
    void anAggregateStageIsKnownByItsPattern() {
        // pinned: changing the derivation would orphan every savepoint taken before
        assertThat(Uids.aggregate("%{queue_id}")).isEqualTo("aggregate-queue-id-a1fe525fcc61ccac");
        assertThat(Uids.aggregate("%{queue_id}")).isNotEqualTo(Uids.aggregate("%{queue-id}"));
    }

    @Test
    void insertingRemovingAndReorderingAggregateBlocksKeepsEachPatternsUid() {
        Map<String, String> before = uids(aggregate("%{a}") + aggregate("%{b}"));
        Map<String, String> inserted =
                uids(aggregate("%{new}") + aggregate("%{a}") + aggregate("%{b}"));
        Map<String, String> reordered = uids(aggregate("%{b}") + aggregate("%{a}"));
        Map<String, String> removed = uids(aggregate("%{b}"));
        String a = Uids.aggregate("%{a}");
        String b = Uids.aggregate("%{b}");
        assertThat(before).containsKeys(a, b);
        assertThat(inserted).containsKeys(a, b, Uids.aggregate("%{new}"));
        assertThat(reordered).containsKeys(a, b);
        assertThat(removed).containsKey(b).doesNotContainKey(a);
        // the stage of %{a} is the one running %{a}'s blocks in every version (operator names
        // are the sanitized pattern: they are part of every metric's name)
        assertThat(inserted.get(a)).isEqualTo("aggregate_a");
        assertThat(reordered.get(a)).isEqualTo("aggregate_a");
    }
}
