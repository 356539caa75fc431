package io.logaggregate.job;

import io.logaggregate.io.InputSpec;
import io.logaggregate.program.FilterProgram;
import java.io.Serializable;
import java.util.List;

/** A pipeline file checked and compiled on the client, ready to become a Flink job. */
public record CompiledPipeline(
        String file, List<InputSpec> inputs, FilterProgram program, List<OutputRoute> outputs)
        implements Serializable {

    /** True when every input ends by itself. */
    public boolean bounded() {
        return inputs.stream().allMatch(InputSpec::bounded);
    }
}
