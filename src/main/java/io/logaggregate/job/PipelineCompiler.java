package io.logaggregate.job;

import io.logaggregate.aggregate.AggregateBlock;
import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ConfigParser;
import io.logaggregate.config.PipelinePath;
import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Statement;
import io.logaggregate.filter.Condition;
import io.logaggregate.filter.Conditions;
import io.logaggregate.filter.FilterContext;
import io.logaggregate.filter.FilterRegistry;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.Inputs;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Outputs;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.Instruction;
import io.logaggregate.ruby.RubyCompileException;
import io.logaggregate.ruby.RubyEngine;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a pipeline file into a {@link CompiledPipeline}: every plugin validated, conditions
 * compiled, the filter section flattened into a program, Ruby snippets syntax-checked, and the
 * aggregate task_id patterns put in the order their stages must run.
 */
public final class PipelineCompiler {
    private final Path pipelineDir;
    private final PipelineSettings settings;
    private final List<Instruction> code = new ArrayList<>();
    private final Map<String, AggregatePattern> patterns = new LinkedHashMap<>();
    private final Map<String, Integer> patternFirstPc = new LinkedHashMap<>();
    private final List<AggregateBlock> blocks = new ArrayList<>();
    private final List<int[]> aggregatePcs = new ArrayList<>();

    private PipelineCompiler(Path pipelineDir, PipelineSettings settings) {
        this.pipelineDir = pipelineDir;
        this.settings = settings;
    }

    /** Compiles a pipeline file, directory or glob ({@link PipelinePath}). */
    public static CompiledPipeline compile(Path pipeline, PipelineSettings settings) {
        PipelineConfig config = ConfigParser.parsePath(pipeline);
        return new PipelineCompiler(PipelinePath.folder(pipeline), settings).compile(config);
    }

    public static CompiledPipeline compile(PipelineConfig config, Path pipelineDir) {
        return new PipelineCompiler(pipelineDir, PipelineSettings.none()).compile(config);
    }

    private CompiledPipeline compile(PipelineConfig config) {
        IoContext io = new IoContext(pipelineDir);
        List<InputSpec> inputs = new ArrayList<>();
        List<String> inputUids = new ArrayList<>();
        for (PluginDef def : config.inputs()) {
            inputs.add(Inputs.create(def, io));
            inputUids.add(Uids.plugin("input", def.name(), idOf(def), inputs.size()));
        }
        if (inputs.isEmpty()) {
            throw new ConfigException(
                    "Pipeline has no input: add an input { } section (e.g. file or stdin)",
                    new io.logaggregate.config.SourceLocation(config.file(), 1, 1));
        }
        emit(config.filters(), new FilterContext(pipelineDir, settings.dateClock()));
        List<AggregatePattern> ordered = orderPatterns();
        // rewrite aggregate instructions with the stage index of their pattern
        for (int pc = 0; pc < code.size(); pc++) {
            if (code.get(pc) instanceof Instruction.Aggregate a) {
                int stage = ordered.indexOf(patterns.get(a.taskIdPattern()));
                code.set(pc, new Instruction.Aggregate(a.blockIndex(), stage, a.taskIdPattern()));
            }
        }
        checkRuby(ordered);
        // Logstash: one aggregate_maps_path a pipeline
        String mapsPath = AggregatePattern.pipelineMapsPath(ordered);
        List<OutputRoute> outputs = new ArrayList<>();
        routes(config.outputs(), List.of(), List.of(), io, outputs);
        if (outputs.isEmpty()) {
            throw new ConfigException(
                    "Pipeline has no output: add an output { } section (e.g. stdout)",
                    new io.logaggregate.config.SourceLocation(config.file(), 1, 1));
        }
        return new CompiledPipeline(
                config.file(),
                inputs,
                new FilterProgram(code, ordered, mapsPath),
                outputs,
                inputUids);
    }

    /** The plugin's {@code id} setting, or null. */
    private static String idOf(PluginDef def) {
        String id = null;
        for (var s : def.settings()) {
            if (s.name().equals("id") && s.value() instanceof String v) {
                id = v;
            }
        }
        return id;
    }

    // ------------------------------------------------------------------ filter section

    private void emit(List<Statement> statements, FilterContext ctx) {
        for (Statement st : statements) {
            if (st instanceof PluginStatement ps) {
                PluginDef def = ps.plugin();
                if (def.name().equals("aggregate")) {
                    int pc = code.size();
                    AggregateBlock block = AggregateBlock.parse(def, blocks.size(), pc);
                    blocks.add(block);
                    patterns.computeIfAbsent(block.taskId(), AggregatePattern::new).add(block);
                    patternFirstPc.putIfAbsent(block.taskId(), pc);
                    code.add(new Instruction.Aggregate(block.index(), -1, block.taskId()));
                } else {
                    code.add(
                            new Instruction.RunFilter(
                                    FilterRegistry.create(def, ctx),
                                    def.name() + " (" + def.location() + ")"));
                }
            } else if (st instanceof IfStatement is) {
                List<Integer> jumpsToEnd = new ArrayList<>();
                for (IfStatement.Branch b : is.branches()) {
                    int test = -1;
                    if (b.condition() != null) {
                        test = code.size();
                        code.add(null); // patched below
                    }
                    emit(b.body(), ctx);
                    jumpsToEnd.add(code.size());
                    code.add(null);
                    if (test >= 0) {
                        code.set(
                                test,
                                new Instruction.JumpUnless(
                                        Conditions.compile(b.condition()),
                                        code.size(),
                                        b.condition().location().toString()));
                    }
                }
                for (int j : jumpsToEnd) {
                    code.set(j, new Instruction.Jump(code.size()));
                }
            }
        }
    }

    /**
     * Orders the patterns so that every event meets them in stage order: pattern A must come before
     * B when some path through the program reaches a block of B after one of A. A cycle (A, then B,
     * then A again) cannot be laid out as one pass and is refused.
     */
    private List<AggregatePattern> orderPatterns() {
        List<String> names = new ArrayList<>(patterns.keySet());
        int n = names.size();
        boolean[][] before = new boolean[n][n];
        for (int pc = 0; pc < code.size(); pc++) {
            if (code.get(pc) instanceof Instruction.Aggregate a) {
                int from = names.indexOf(a.taskIdPattern());
                for (int to : reachablePatterns(pc + 1, names)) {
                    if (to != from) {
                        before[from][to] = true;
                    }
                }
            }
        }
        List<AggregatePattern> ordered = new ArrayList<>();
        Set<Integer> placed = new LinkedHashSet<>();
        while (placed.size() < n) {
            int next = -1;
            for (int i = 0; i < n && next < 0; i++) {
                if (placed.contains(i)) {
                    continue;
                }
                boolean free = true;
                for (int j = 0; j < n; j++) {
                    if (!placed.contains(j) && j != i && before[j][i]) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    next = i;
                }
            }
            if (next < 0) {
                throw cycleError(names, before, placed);
            }
            placed.add(next);
            ordered.add(patterns.get(names.get(next)));
        }
        return ordered;
    }

    private ConfigException cycleError(
            List<String> names, boolean[][] before, Set<Integer> placed) {
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                if (!placed.contains(i) && !placed.contains(j) && before[i][j] && before[j][i]) {
                    AggregateBlock b = patterns.get(names.get(i)).blocks().get(0);
                    return new ConfigException(
                            "Aggregate blocks with task_id '"
                                    + names.get(i)
                                    + "' and '"
                                    + names.get(j)
                                    + "' can be met in both orders by one event ('"
                                    + names.get(i)
                                    + "', then '"
                                    + names.get(j)
                                    + "', then '"
                                    + names.get(i)
                                    + "' again): this pipeline cannot run as one pass of keyed"
                                    + " stages. Use one task_id pattern for these blocks, or"
                                    + " split the pipeline in two.",
                            patterns.get(names.get(i)).blocks().get(0).location());
                }
            }
        }
        AggregateBlock b = patterns.get(names.get(0)).blocks().get(0);
        return new ConfigException(
                "Aggregate task_id patterns form a cycle; this pipeline cannot run as one pass",
                b.location());
    }

    /** Indexes of the patterns whose aggregate blocks are reachable from {@code start}. */
    private Set<Integer> reachablePatterns(int start, List<String> names) {
        Set<Integer> found = new LinkedHashSet<>();
        BitSet seen = new BitSet();
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            int pc = todo.pop();
            if (pc >= code.size() || seen.get(pc)) {
                continue;
            }
            seen.set(pc);
            Instruction ins = code.get(pc);
            if (ins instanceof Instruction.Jump j) {
                todo.push(j.target());
            } else if (ins instanceof Instruction.JumpUnless j) {
                todo.push(j.target());
                todo.push(pc + 1);
            } else {
                if (ins instanceof Instruction.Aggregate a) {
                    found.add(names.indexOf(a.taskIdPattern()));
                }
                todo.push(pc + 1);
            }
        }
        return found;
    }

    /** Compiles every Ruby snippet once on the client, so a syntax error stops the start. */
    private void checkRuby(List<AggregatePattern> ordered) {
        if (blocks.isEmpty()) {
            return; // no aggregate: no need to start JRuby
        }
        RubyEngine ruby = RubyEngine.get();
        for (AggregateBlock b : blocks) {
            try {
                ruby.compileAggregateCode(b.code(), b.where());
            } catch (RubyCompileException e) {
                throw new ConfigException(
                        "Aggregate plugin: code is not valid Ruby: " + e.getMessage(),
                        b.location());
            }
        }
        for (AggregatePattern p : ordered) {
            if (p.timeoutCode() != null) {
                try {
                    ruby.compileEventCode(p.timeoutCode(), p.timeoutCodeWhere());
                } catch (RubyCompileException e) {
                    throw new ConfigException(
                            "Aggregate plugin: timeout_code is not valid Ruby: " + e.getMessage(),
                            p.blocks().get(0).location());
                }
            }
        }
    }

    // ------------------------------------------------------------------ output section

    private void routes(
            List<Statement> statements,
            List<Condition> when,
            List<Condition> unless,
            IoContext io,
            List<OutputRoute> out) {
        for (Statement st : statements) {
            if (st instanceof PluginStatement ps) {
                PluginDef def = ps.plugin();
                out.add(
                        new OutputRoute(
                                def.name() + " (" + def.location() + ")",
                                Outputs.create(def, io),
                                when,
                                unless,
                                Uids.plugin("output", def.name(), idOf(def), out.size() + 1)));
            } else if (st instanceof IfStatement is) {
                List<Condition> earlier = new ArrayList<>();
                for (IfStatement.Branch b : is.branches()) {
                    List<Condition> w = new ArrayList<>(when);
                    List<Condition> u = new ArrayList<>(unless);
                    u.addAll(earlier);
                    if (b.condition() != null) {
                        Condition c = Conditions.compile(b.condition());
                        w.add(c);
                        earlier.add(c);
                    }
                    // an "unless" inside nested ifs needs all of the outer "when"s, which the
                    // flat lists keep: every when must hold, no unless may
                    routes(b.body(), w, u, io, out);
                }
            }
        }
    }
}
