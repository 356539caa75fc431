package io.logaggregate.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A year of postfix logs of two mail hosts, rotated weekly as logrotate does by default on Debian
 * ({@code mail.log}, {@code mail.log.1}, then {@code mail.log.2.gz} ... with delaycompress), in
 * {@code <dir>/<host>/}: the shape of jobs/postfix-rotated over 2026. Mails start at random times,
 * some a few seconds before midnight, so that mails of a Sunday night have lines in two files.
 * Every mail gets its lines from smtpd, qmgr, smtp (one per recipient) and qmgr "removed", with the
 * connect / disconnect noise the pipeline drops. Seeded: the same files every run.
 */
public final class PostfixYear {
    public static final List<String> HOSTS = List.of("mx1", "mx2");

    private static final DateTimeFormatter SYSLOG =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private record Line(LocalDateTime at, int seq, String text) {}

    private PostfixYear() {}

    /** Writes the files; returns how many mails they hold. */
    public static int write(Path dir, int mailsPerDay) throws IOException {
        Random random = new Random(2026);
        int mails = 0;
        long queueId = 0x1A2B3C4D5EL;
        for (String host : HOSTS) {
            List<Line> lines = new ArrayList<>();
            LocalDateTime day = LocalDateTime.of(2026, 1, 1, 0, 0);
            while (day.getYear() == 2026) {
                for (int m = 0; m < mailsPerDay; m++) {
                    // the first mail of each day starts just before midnight and ends after it
                    LocalDateTime start =
                            m == 0
                                    ? day.plusHours(23).plusMinutes(59).plusSeconds(57)
                                    : day.plusSeconds(random.nextInt(86_000));
                    if (start.getYear() != 2026 || start.plusSeconds(10).getYear() != 2026) {
                        continue;
                    }
                    mail(lines, host, Long.toHexString(queueId++).toUpperCase(), start, random);
                    mails++;
                }
                day = day.plusDays(1);
            }
            lines.sort(Comparator.comparing(Line::at).thenComparing(Line::seq));
            writeRotated(dir.resolve(host), lines);
        }
        return mails;
    }

    private static void mail(
            List<Line> out, String host, String id, LocalDateTime t, Random random) {
        int client = random.nextInt(200);
        String clientName = "web" + client + ".example.com";
        String clientIp = "10.0." + (client / 100) + "." + (client % 100 + 1);
        int pid = 1000 + random.nextInt(30000);
        int seq = out.size();
        out.add(
                new Line(
                        t,
                        seq++,
                        host
                                + " postfix/smtpd["
                                + pid
                                + "]: connect from "
                                + clientName
                                + "["
                                + clientIp
                                + "]"));
        t = t.plusSeconds(1);
        out.add(
                new Line(
                        t,
                        seq++,
                        host
                                + " postfix/smtpd["
                                + pid
                                + "]: "
                                + id
                                + ": client="
                                + clientName
                                + "["
                                + clientIp
                                + "]"));
        int nrcpt = 1 + random.nextInt(3);
        out.add(
                new Line(
                        t,
                        seq++,
                        host
                                + " postfix/qmgr[1187]: "
                                + id
                                + ": from=<user"
                                + random.nextInt(50)
                                + "@example.com>, size="
                                + (300 + random.nextInt(500_000))
                                + ", nrcpt="
                                + nrcpt
                                + " (queue active)"));
        out.add(
                new Line(
                        t,
                        seq++,
                        host
                                + " postfix/smtpd["
                                + pid
                                + "]: disconnect from "
                                + clientName
                                + "["
                                + clientIp
                                + "] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5"));
        for (int r = 0; r < nrcpt; r++) {
            t = t.plusSeconds(1 + random.nextInt(3));
            boolean sent = random.nextInt(10) > 0;
            out.add(
                    new Line(
                            t,
                            seq++,
                            host
                                    + " postfix/smtp["
                                    + (pid + 7)
                                    + "]: "
                                    + id
                                    + ": to=<rcpt"
                                    + random.nextInt(500)
                                    + "@example.org>, relay=mx"
                                    + r
                                    + ".example.org[198.51.100."
                                    + (r + 10)
                                    + "]:25, delay=1.2, delays=0.02/0/0.2/1, dsn="
                                    + (sent
                                            ? "2.0.0, status=sent (250 ok)"
                                            : "4.7.1,"
                                                    + " status=deferred (450 4.7.1 Greylisted)")));
        }
        out.add(new Line(t.plusSeconds(1), seq, host + " postfix/qmgr[1187]: " + id + ": removed"));
    }

    /** Weekly files, newest first: mail.log, mail.log.1, mail.log.2.gz, ... */
    private static void writeRotated(Path dir, List<Line> lines) throws IOException {
        Files.createDirectories(dir);
        LocalDateTime end = LocalDateTime.of(2027, 1, 1, 0, 0);
        // rotation every Sunday at 00:00
        LocalDateTime cut =
                end.truncatedTo(ChronoUnit.DAYS)
                        .with(java.time.temporal.TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        int index = 0;
        int i = lines.size();
        LocalDateTime upper = end;
        while (i > 0) {
            int from = i;
            while (from > 0 && !lines.get(from - 1).at().isBefore(cut)) {
                from--;
            }
            String name = index == 0 ? "mail.log" : "mail.log." + index + (index >= 2 ? ".gz" : "");
            try (OutputStream raw = Files.newOutputStream(dir.resolve(name));
                    OutputStream o = index >= 2 ? new GZIPOutputStream(raw) : raw;
                    Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8)) {
                for (Line l : lines.subList(from, i)) {
                    w.write(SYSLOG.format(l.at()) + " " + l.text() + "\n");
                }
            }
            i = from;
            upper = cut;
            cut = cut.minusWeeks(1);
            index++;
        }
    }
}
