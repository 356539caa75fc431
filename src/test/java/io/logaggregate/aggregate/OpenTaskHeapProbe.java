package io.logaggregate.aggregate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * Heap bytes per open postfix mail in the keyed aggregate stage on the heap state backend (the
 * operator test harness's), and the thread CPU per aggregate event (not a test: run it by hand).
 * Each mail gets the smtpd and qmgr lines of jobs/postfix/pipeline.conf, so its map holds hostname,
 * client_hostname, client_ip, program, from_mail, size, nrcpt, and has an event-time timer, as in
 * the job. Usage: {@code java -Xmx2g -cp <test classpath>
 * io.logaggregate.aggregate.OpenTaskHeapProbe [mails]}.
 */
public final class OpenTaskHeapProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The aggregate blocks of jobs/postfix/pipeline.conf that open a mail. */
    static final String FILTERS =
            """
            if [program] == "postfix/smtpd" {
              aggregate {
                task_id => "%{taskid}"
                code => "
                  map['hostname'] ||= event.get('hostname')
                  map['client_hostname'] ||= event.get('client_hostname')
                  map['client_ip'] ||= event.get('client_ip')
                  map['program'] ||= event.get('program')
                  event.cancel()
                "
                map_action => "create"
              }
            } else if [program] == "postfix/qmgr" and [from_mail] {
              aggregate {
                task_id => "%{taskid}"
                code => "
                  map['from_mail'] ||= event.get('from_mail')
                  map['size'] ||= event.get('size')
                  map['nrcpt'] ||= event.get('nrcpt')
                  event.cancel()
                "
                map_action => "update"
              }
            } else if [program] == "postfix/qmgr" and ![from_mail] {
              aggregate {
                task_id => "%{taskid}"
                map_action => "update"
                code => "event.set('from_mail', map['from_mail'])"
                end_of_task => true
                timeout_task_id_field => "taskid"
                timeout_timestamp_field => "@timestamp"
                timeout => 600
                push_map_as_event_on_timeout => true
              }
            }
            """;

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (AggregateHarness h = AggregateHarness.of(FILTERS)) {
            // warm up (JRuby compiles the blocks, HotSpot the bridge): mails that end
            for (int i = 0; i < 20_000; i++) {
                mail(h, 1_000_000_000 + i, true);
            }
            long before = usedAfterGc();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < mails; i++) {
                mail(h, i, false);
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            long after = usedAfterGc();
            if (h.keyedStateEntries() != mails || h.timers() != mails) {
                throw new AssertionError(
                        "expected " + mails + " open tasks, got " + h.keyedStateEntries());
            }
            System.out.printf(
                    "%,d open mails: %.0f heap bytes per open mail; %.2f µs thread CPU per"
                            + " aggregate event (2 per mail)%n",
                    mails, (after - before) / (double) mails, cpu / 1e3 / (2.0 * mails));
            if (Boolean.getBoolean("histogram")) {
                // where the bytes are: the classes with the most instances now
                new ProcessBuilder(
                                "jcmd",
                                String.valueOf(ProcessHandle.current().pid()),
                                "GC.class_histogram")
                        .inheritIO()
                        .start()
                        .waitFor();
            }
        }
    }

    /** The smtpd and qmgr lines of mail {@code i} (and the removed line when it ends). */
    private static void mail(AggregateHarness h, int i, boolean end) throws Exception {
        String id = String.format("%X", 0x3A0000000L + i * 7919L);
        Instant t = T0.plusSeconds(i / 20);
        h.send(
                AggregateHarness.event(
                        "@timestamp",
                        t,
                        "program",
                        "postfix/smtpd",
                        "taskid",
                        id,
                        "hostname",
                        i % 2 == 0 ? "mx1" : "mx2",
                        "client_hostname",
                        "mail" + (i % 977) + ".example.net",
                        "client_ip",
                        "10." + (i % 200) + "." + (i % 251) + "." + (i % 253)));
        h.send(
                AggregateHarness.event(
                        "@timestamp",
                        t,
                        "program",
                        "postfix/qmgr",
                        "taskid",
                        id,
                        "hostname",
                        i % 2 == 0 ? "mx1" : "mx2",
                        "from_mail",
                        "user" + (i % 5003) + "@example.org",
                        "size",
                        String.valueOf(1000 + (i * 37) % 90_000),
                        "nrcpt",
                        String.valueOf(1 + i % 3)));
        if (end) {
            h.send(
                    AggregateHarness.event(
                            "@timestamp", t, "program", "postfix/qmgr", "taskid", id));
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
