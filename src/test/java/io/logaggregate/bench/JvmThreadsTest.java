package io.logaggregate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logaggregate.bench.JvmThreads.Kind;
import io.logaggregate.bench.JvmThreads.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JIT and GC threads' CPU the benchmark reports beside the CPU per line. */
class JvmThreadsTest {
    @Test
    void threadsAreToldApartByTheirNames() {
        assertThat(JvmThreads.kind("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(JvmThreads.kind("C1 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(JvmThreads.kind("ParGC Thread#1")).isEqualTo(Kind.GC);
        assertThat(JvmThreads.kind("GC Thread#0")).isEqualTo(Kind.GC);
        assertThat(JvmThreads.kind("G1 Conc#0")).isEqualTo(Kind.GC);
        assertThat(JvmThreads.kind("VM Thread")).isEqualTo(Kind.GC);
        assertThat(JvmThreads.kind("VM Periodic Tas")).isEqualTo(Kind.OTHER);
        assertThat(JvmThreads.kind("Source: input f")).isEqualTo(Kind.OTHER);
    }

    @Test
    void userAndSystemTicksOfAStatLineWhoseNameHoldsSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
        // stime ...
        String stat =
                "4242 (C2 (Compi) Thr) S 4200 4200 4200 0 -1 1077936192 10 0 0 0 250 50 0 0 20 0"
                        + " 60 0 123 456 789";
        Sample s = JvmThreads.parse(stat);
        assertThat(s.kind()).isEqualTo(Kind.OTHER);
        assertThat(s.cpuNanos()).isEqualTo(300 * (1_000_000_000L / CliRun.clockTicks()));
        assertThat(JvmThreads.parse(stat.replace("C2 (Compi) Thr", "C2 CompilerThre")).kind())
                .isEqualTo(Kind.JIT);
    }

    @Test
    void thisJvmHasCompilerAndGcThreads() {
        long pid = ProcessHandle.current().pid();
        assumeTrue(Files.isDirectory(Path.of("/proc", String.valueOf(pid), "task")), "Linux");
        Map<Long, Sample> threads = JvmThreads.sample(pid);
        assertThat(threads.values()).extracting(Sample::kind).contains(Kind.JIT, Kind.GC);
    }

    @Test
    void cpuSinceAnEarlierSampleCountsThreadsThatStartedMeanwhileInFull() {
        Map<Long, Sample> before =
                Map.of(1L, new Sample(Kind.JIT, 100), 2L, new Sample(Kind.GC, 7));
        Map<Long, Sample> now =
                Map.of(
                        1L, new Sample(Kind.JIT, 150),
                        2L, new Sample(Kind.GC, 9),
                        3L, new Sample(Kind.JIT, 20));
        assertThat(JvmThreads.cpuNanos(now, before, Kind.JIT)).isEqualTo(70);
        assertThat(JvmThreads.cpuNanos(now, before, Kind.GC)).isEqualTo(2);
        assertThat(JvmThreads.cpuNanos(now, Map.of(), Kind.GC)).isEqualTo(9);
    }
}
