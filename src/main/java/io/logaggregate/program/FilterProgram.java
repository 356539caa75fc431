package io.logaggregate.program;

import io.logaggregate.aggregate.AggregatePattern;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled filter section: the flat instruction list and the aggregate task_id patterns in stage
 * order (each pattern is one stage of the job). Built on the client, shipped in the job graph.
 *
 * <p>The facts every stage needs about the whole pipeline are computed here, once: which stage the
 * aggregate block at an instruction belongs to, the pipeline's {@code aggregate_maps_path}, and a
 * name for each stage that is safe in metric names.
 */
public final class FilterProgram implements Serializable {
    private final List<Instruction> code;
    private final List<AggregatePattern> patterns;
    private final String aggregateMapsPath;
    private final int[] stageAt;
    private final List<String> stageNames;

    /**
     * @param aggregateMapsPath the one {@code aggregate_maps_path} of the pipeline, or null (see
     *     {@link AggregatePattern#pipelineMapsPath})
     */
    public FilterProgram(
            List<Instruction> code, List<AggregatePattern> patterns, String aggregateMapsPath) {
        this.code = List.copyOf(code);
        this.patterns = List.copyOf(patterns);
        this.aggregateMapsPath = aggregateMapsPath;
        this.stageAt = new int[this.code.size()];
        Arrays.fill(stageAt, -1);
        for (int pc = 0; pc < this.code.size(); pc++) {
            if (this.code.get(pc) instanceof Instruction.Aggregate a) {
                stageAt[pc] = a.patternIndex();
            }
        }
        this.stageNames = metricNames(this.patterns);
    }

    public List<Instruction> code() {
        return code;
    }

    /** The task_id patterns, in the order their stages run. */
    public List<AggregatePattern> patterns() {
        return patterns;
    }

    /**
     * The stage whose aggregate block is instruction {@code pc}, or -1 for any other instruction.
     */
    public int stageAt(int pc) {
        return pc >= 0 && pc < stageAt.length ? stageAt[pc] : -1;
    }

    /**
     * The pipeline's {@code aggregate_maps_path} (one for every pattern, as in Logstash), or null.
     */
    public String aggregateMapsPath() {
        return aggregateMapsPath;
    }

    /**
     * A name for stage {@code stage} made of [A-Za-z0-9_] only, unique in this program: its task_id
     * pattern without the rest ({@code %{taskid}} → {@code taskid}, {@code %{host}-%{pid}} → {@code
     * host_pid}), with {@code _2}, {@code _3}... when two patterns come out the same.
     */
    public String stageName(int stage) {
        return stageNames.get(stage);
    }

    /** Opens every stateless filter (compiles regexes and the like). */
    public void open() throws Exception {
        for (Instruction i : code) {
            if (i instanceof Instruction.RunFilter f) {
                f.filter().open();
            }
        }
    }

    static String sanitize(String pattern) {
        String s = pattern.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return s.isEmpty() ? "task" : s;
    }

    private static List<String> metricNames(List<AggregatePattern> patterns) {
        Set<String> taken = new HashSet<>();
        String[] names = new String[patterns.size()];
        for (int i = 0; i < names.length; i++) {
            String base = sanitize(patterns.get(i).taskId());
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            names[i] = name;
        }
        return List.of(names);
    }
}
