package io.logaggregate.filter;

import io.logaggregate.bench.PostfixLogGenerator;
import io.logaggregate.config.ConfigParser;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Statement;
import io.logaggregate.event.Event;
import io.logaggregate.ruby.AggregateCode;
import io.logaggregate.ruby.MapMeta;
import io.logaggregate.ruby.PackedMap;
import io.logaggregate.ruby.RubyEngine;
import io.logaggregate.ruby.RubyTestSupport;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro-benchmarks of the postfix pipeline's stages, per line (JMH; scripts/benchmark.sh runs them
 * and {@code bench run} shows the results): its grok filter alone and its date filter alone, as
 * jobs/postfix/pipeline.conf declares them, over a cycle of generated postfix lines (so hits and
 * misses come in the log's proportions; the time includes making the event), and one call of its
 * smtp aggregate block's Ruby code. Not a test: run with {@code java -cp <test class path>
 * org.openjdk.jmh.Main PostfixStagesJmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED"
        })
public class PostfixStagesJmh {
    private static final String SMTP_CODE =
            "map['to_mail'] ||= []; map['to_mail'] << event.get('to_mail');"
                    + " map['relay'] ||= []; map['relay'] << event.get('relay');"
                    + " map['status'] ||= []; map['status'] << event.get('status');"
                    + " event.cancel()";

    private String[] lines;
    private String[] stamps;
    private int next;
    private Filter grok;
    private Filter date;
    private AggregateCode ruby;
    private AggregateCode jruby;
    private byte[][] packed;
    private Event smtpEvent;
    private Map<String, Object> map;
    private MapMeta meta;
    private int calls;

    @Setup
    public void setUp() throws Exception {
        StringWriter w = new StringWriter();
        new PostfixLogGenerator().write(2000, w);
        lines = w.toString().split("\n");
        stamps = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            stamps[i] = lines[i].substring(0, 15);
        }
        Path pipeline = Path.of("jobs/postfix/pipeline.conf");
        List<Statement> filters =
                ConfigParser.parse(pipeline.toString(), Files.readString(pipeline), Map.of())
                        .filters();
        grok = open(((PluginStatement) filters.get(0)).plugin(), "grok");
        date = open(((PluginStatement) filters.get(1)).plugin(), "date");
        ruby = RubyEngine.get().compileAggregateCode(SMTP_CODE, "bench:1:1");
        jruby = RubyTestSupport.jrubyOnly(SMTP_CODE, "bench:1:1");
        smtpEvent =
                Event.fromMap(
                        Map.of(
                                "to_mail", "bob@example.org",
                                "relay", "relay2.example.com[192.0.2.26]:587",
                                "status", "sent"),
                        Instant.now());
        map = new HashMap<>();
        packed = new byte[][] {PackedMap.EMPTY};
        meta = new MapMeta("3A9C96093D", Instant.now(), Instant.now(), 600L, null);
    }

    private static Filter open(PluginDef def, String name) throws Exception {
        if (!def.name().equals(name)) {
            throw new IllegalStateException("expected " + name + ", found " + def.name());
        }
        Filter f = FilterRegistry.create(def, FilterTestSupport.CTX);
        f.open();
        return f;
    }

    private int nextLine() {
        int i = next;
        next = i + 1 == lines.length ? 0 : i + 1;
        return i;
    }

    /** The postfix grok filter (4 patterns) on one line. */
    @Benchmark
    public void grokPerLine(Blackhole bh) {
        Event e = PipelineText.message(lines[nextLine()]);
        grok.filter(e, bh::consume);
        bh.consume(e);
    }

    /** The postfix date filter on one line's syslog timestamp. */
    @Benchmark
    public void datePerLine(Blackhole bh) {
        Event e = FilterTestSupport.event("timestamp", stamps[nextLine()]);
        date.filter(e, bh::consume);
        bh.consume(e);
    }

    /** Making the event alone (to subtract from the two above). */
    @Benchmark
    public Event eventPerLine() {
        return PipelineText.message(lines[nextLine()]);
    }

    /**
     * One call of the smtp block's Ruby code on a task's map (three list appends), on a Java map
     * (packed and unpacked around the call). The code is in the subset that runs without JRuby.
     */
    @Benchmark
    public void rubyAggregateCall(Blackhole bh) throws Exception {
        if (++calls == 4) { // a mail has a few recipients: start a new map now and then
            calls = 0;
            map = new HashMap<>();
        }
        ruby.call(smtpEvent, map, meta, bh::consume);
    }

    /** As {@link #rubyAggregateCall}, forced onto JRuby (a Ruby Hash built and packed back). */
    @Benchmark
    public void rubyAggregateCallJRuby(Blackhole bh) throws Exception {
        if (++calls == 4) {
            calls = 0;
            map = new HashMap<>();
        }
        jruby.call(smtpEvent, map, meta, bh::consume);
    }

    /** As the aggregate stage calls it: on the task's packed map. */
    @Benchmark
    public void rubyAggregateCallPacked(Blackhole bh) throws Exception {
        if (++calls == 4) {
            calls = 0;
            packed[0] = PackedMap.EMPTY;
        }
        ruby.call(smtpEvent, holder, meta, bh::consume);
    }

    /** As {@link #rubyAggregateCallPacked}, forced onto JRuby. */
    @Benchmark
    public void rubyAggregateCallPackedJRuby(Blackhole bh) throws Exception {
        if (++calls == 4) {
            calls = 0;
            packed[0] = PackedMap.EMPTY;
        }
        jruby.call(smtpEvent, holder, meta, bh::consume);
    }

    private final AggregateCode.MapHolder holder =
            new AggregateCode.MapHolder() {
                @Override
                public byte[] packedMap() {
                    return packed[0];
                }

                @Override
                public void packedMap(byte[] p) {
                    packed[0] = p;
                }
            };
}
