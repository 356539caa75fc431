package io.logaggregate.cli;

import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ConfigParser;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.OutputRoute;
import io.logaggregate.job.PipelineSettings;
import io.logaggregate.program.Instruction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code check PIPELINE}: validates and prints the compiled stages, like {@code logstash -t}, then
 * the settings in force of every plugin (written or default).
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description =
                "Validate a pipeline; print its compiled stages and every plugin's settings"
                        + " (written or default).")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "PIPELINE",
            description =
                    "The pipeline: a .conf file, a directory of them or a glob (\"conf.d/*.conf\").")
    Path pipeline;

    @Override
    public Integer call() {
        PipelineSettings settings =
                PipelineLoader.settings(pipeline, PipelineSettings.none(), System.err);
        if (settings == null) {
            return 1;
        }
        CompiledPipeline compiled = PipelineLoader.load(pipeline, settings, System.err);
        if (compiled == null) {
            return 1;
        }
        print(compiled, System.out);
        try {
            SettingsReport.print(ConfigParser.parsePath(pipeline), System.out);
        } catch (ConfigException e) {
            // compiled a moment ago, so only a file changed meanwhile gets here
            System.err.println("log-aggregate: configuration error");
            System.err.println(PipelineLoader.report(e));
            return 1;
        }
        System.out.println("Configuration OK");
        return 0;
    }

    static void print(CompiledPipeline p, PrintStream out) {
        out.println("Pipeline " + p.file());
        out.println(
                "  inputs: " + p.inputs().size() + (p.bounded() ? " (bounded)" : " (unbounded)"));
        out.println("  filter program:");
        List<Instruction> code = p.program().code();
        for (int pc = 0; pc < code.size(); pc++) {
            out.printf("    %3d  %s%n", pc, describe(code.get(pc), p));
        }
        out.println("  stages:");
        out.println("    0  filters (stateless, chained to the inputs)");
        List<AggregatePattern> patterns = p.program().patterns();
        for (int i = 0; i < patterns.size(); i++) {
            AggregatePattern a = patterns.get(i);
            out.printf(
                    "    %d  aggregate task_id \"%s\": %s, %d block(s), timeout %ds, inactivity"
                            + " %ds, %s time%s%n",
                    i + 1,
                    a.taskId(),
                    a.pushPreviousMapAsEvent() ? "ordered (push_previous_map_as_event)" : "keyed",
                    a.blocks().size(),
                    a.timeoutSeconds(),
                    a.inactivityTimeoutSeconds(),
                    a.eventTime() ? "event (" + a.timeoutTimestampField() + ")" : "processing",
                    a.pushesOnTimeout() ? ", pushes maps on timeout" : "");
        }
        out.println("  outputs:");
        for (OutputRoute r : p.outputs()) {
            out.println("    " + r.name() + (r.unconditional() ? "" : " (conditional)"));
        }
    }

    private static String describe(Instruction ins, CompiledPipeline p) {
        if (ins instanceof Instruction.RunFilter f) {
            return f.name();
        } else if (ins instanceof Instruction.JumpUnless j) {
            return "unless condition (" + j.text() + ") goto " + j.target();
        } else if (ins instanceof Instruction.Jump j) {
            return "goto " + j.target();
        } else if (ins instanceof Instruction.Aggregate a) {
            return "aggregate \"" + a.taskIdPattern() + "\" → stage " + (a.patternIndex() + 1);
        }
        return String.valueOf(ins);
    }
}
