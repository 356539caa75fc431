package io.logaggregate.job;

import io.logaggregate.io.InputSpec;
import io.logaggregate.program.FilterProgram;
import java.io.Serializable;
import java.util.List;

/**
 * A pipeline file checked and compiled on the client, ready to become a Flink job. {@code
 * inputUids} are the inputs' operator uids ({@link Uids#plugin}), one per input.
 */
public record CompiledPipeline(
        String file,
        List<InputSpec> inputs,
        FilterProgram program,
        List<OutputRoute> outputs,
        List<String> inputUids)
        implements Serializable {

    public CompiledPipeline {
        if (inputUids.size() != inputs.size()) {
            throw new IllegalArgumentException("one uid per input");
        }
    }

    /** Inputs without ids: each known by its position ({@code input-1}, {@code input-2}, ...). */
    public CompiledPipeline(
            String file, List<InputSpec> inputs, FilterProgram program, List<OutputRoute> outputs) {
        this(
                file,
                inputs,
                program,
                outputs,
                java.util.stream.IntStream.rangeClosed(1, inputs.size())
                        .mapToObj(i -> "input-" + i)
                        .toList());
    }

    /** True when every input ends by itself. */
    public boolean bounded() {
        return inputs.stream().allMatch(InputSpec::bounded);
    }
}
