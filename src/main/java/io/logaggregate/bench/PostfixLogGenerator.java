package io.logaggregate.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Synthetic postfix logs in the format of {@code jobs/postfix/mail.log}, for benchmarks: {@code
 * mails} mails of 8 to 12 lines each, interleaved as a syslog server merging several hosts would
 * write them, with timestamps that advance realistically (about {@code mailsPerSecond} new mails a
 * second, so a whole second's lines share one timestamp). The same seed gives the same bytes.
 *
 * <p>A mail: smtpd {@code connect from}, smtpd {@code client=}, cleanup {@code message-id=}, qmgr
 * {@code from=}, smtpd {@code disconnect}, one smtp {@code to=} per recipient (2 to 4), qmgr {@code
 * removed}. One mail in ten is first deferred for one recipient and retried 1 to 5 minutes later (a
 * second qmgr {@code from=} and smtp {@code to=}, and an smtp "connect to ... timed out" line); one
 * in twenty bounces for one recipient (its non-delivery notice is logged). Between mails, now and
 * then: anvil statistics, NOQUEUE rejects of unknown clients, {@code -- MARK --}. Every mail ends
 * within 6 minutes of its first line, well inside the postfix pipeline's 600 s timeout, so the
 * pipeline makes exactly one event per mail.
 *
 * <p>With {@code open} every mail lacks its qmgr {@code removed} line (and its retry): each stays
 * an open task holding a complete map, which is what the state-size measurements need.
 */
public final class PostfixLogGenerator {
    /** Hosts whose logs are merged. */
    static final String[] HOSTS = {"mx1", "mx2", "mx3", "mx4"};

    private static final String[] CLIENTS = {
        "localhost[127.0.0.1]",
        "web01.example.com[10.0.3.21]",
        "web02.example.com[10.0.3.22]",
        "app02.example.com[10.0.2.12]",
        "crm.example.com[10.0.4.7]",
        "mail-oi1-f170.google.com[209.85.167.170]",
        "unknown[203.0.113.99]"
    };
    private static final String[] SENDERS = {
        "alice@example.com",
        "noreply@example.com",
        "billing@example.com",
        "news@example.com",
        "root@mx1.example.com",
        "jira@example.org"
    };
    private static final String[] USERS = {
        "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
        "oscar", "peggy", "trent", "victor", "walter"
    };
    private static final String[] DOMAINS = {
        "example.org", "example.net", "example.biz", "example.to", "example.museum", "example.ccc"
    };
    private static final String[] RELAYS = {
        "relay2.example.com[192.0.2.26]:587",
        "mx.example.net[198.51.100.30]:25",
        "example.to[192.168.0.20]:25",
        "mail.example.biz[203.0.113.40]:25",
        "aspmx.l.google.com[142.250.102.27]:25"
    };
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /** The first mail's time: 1 March (year-less syslog stamps; no year boundary for months). */
    static final long START_MILLIS =
            LocalDateTime.of(2026, 3, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    /** Which lines of each mail are written. */
    public enum Shape {
        /** All of them: every mail ends (one event each). */
        COMPLETE,
        /** All but qmgr removed (and the retry of a deferred mail): every mail stays open. */
        OPEN,
        /** Only smtpd client=: every mail stays open, with the smallest map. */
        FIRST_LINE
    }

    private final long seed;
    private final double mailsPerSecond;
    private final Shape shape;
    private final boolean open;

    public PostfixLogGenerator(long seed, double mailsPerSecond, Shape shape) {
        if (mailsPerSecond <= 0) {
            throw new IllegalArgumentException("mails per second must be positive");
        }
        this.seed = seed;
        this.mailsPerSecond = mailsPerSecond;
        this.shape = shape;
        this.open = shape != Shape.COMPLETE;
    }

    /** The benchmark's default: seed 42, 200 mails a second, every mail complete. */
    public PostfixLogGenerator() {
        this(42, 200, Shape.COMPLETE);
    }

    /** What a generated file holds. */
    public record Summary(long mails, long lines, long bytes) {}

    /** Writes {@code mails} mails to {@code file}. */
    public Summary write(long mails, Path file) {
        try (Writer w =
                new BufferedWriter(
                        Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            return write(mails, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code mails} mails to {@code out}, lines ending in {@code \n}. */
    public Summary write(long mails, Writer out) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        PriorityQueue<Line> pending = new PriorityQueue<>();
        long[] counts = new long[2]; // lines, bytes
        long seq = 0;
        double t = START_MILLIS;
        for (long i = 0; i < mails; i++) {
            t += -Math.log(1 - rnd.nextDouble()) * 1000 / mailsPerSecond; // Poisson arrivals
            long t0 = (long) t;
            flushBefore(pending, t0, out, counts);
            List<Line> lines = new ArrayList<>(14);
            mail(i, t0, rnd, lines);
            if (shape == Shape.FIRST_LINE) {
                lines.removeIf(l -> !l.text.contains(": client="));
            } else {
                noise(t0, rnd, lines);
            }
            for (Line l : lines) {
                l.seq = seq++;
                pending.add(l);
            }
        }
        flushBefore(pending, Long.MAX_VALUE, out, counts);
        return new Summary(mails, counts[0], counts[1]);
    }

    private long stampSecond = Long.MIN_VALUE;
    private String stampText;

    private void flushBefore(PriorityQueue<Line> pending, long t, Writer out, long[] counts)
            throws IOException {
        while (!pending.isEmpty() && pending.peek().millis < t) {
            Line l = pending.poll();
            long second = Math.floorDiv(l.millis, 1000);
            if (second != stampSecond) {
                stampSecond = second;
                stampText = stamp(l.millis);
            }
            String s = stampText + " " + l.text + "\n";
            out.write(s);
            counts[0]++;
            counts[1] += s.length(); // ASCII only
        }
    }

    /** The queue id of mail {@code i}: 10 hex digits, distinct for every i below 2^40. */
    static String queueId(long i) {
        long id = ((i + 1) * 0x9E3779B97F4BL) & ((1L << 40) - 1);
        return String.format(Locale.ROOT, "%010X", id);
    }

    private void mail(long i, long t0, SplittableRandom rnd, List<Line> lines) {
        String host = HOSTS[rnd.nextInt(HOSTS.length)];
        int hostNo = host.charAt(2) - '0';
        String id = queueId(i);
        String client = CLIENTS[rnd.nextInt(CLIENTS.length)];
        String sender = SENDERS[rnd.nextInt(SENDERS.length)];
        int smtpd = 3000 * hostNo + rnd.nextInt(1000);
        int cleanup = 3000 * hostNo + 1000 + rnd.nextInt(10);
        int qmgr = 3000 * hostNo + 1100;
        int smtp = 3000 * hostNo + 1200 + rnd.nextInt(800);
        int rcpts = 2 + rnd.nextInt(3);
        int size = 300 + rnd.nextInt(400_000);
        int kind = rnd.nextInt(20); // 0, 1: deferred then sent; 2: bounced; else sent
        boolean deferred = kind < 2 && !open;
        boolean bounced = kind == 2;
        String p = host + " postfix/";
        long t = t0;
        lines.add(new Line(t, p + "smtpd[" + smtpd + "]: connect from " + client));
        t += rnd.nextInt(1500);
        lines.add(new Line(t, p + "smtpd[" + smtpd + "]: " + id + ": client=" + client));
        t += rnd.nextInt(300);
        lines.add(
                new Line(
                        t,
                        p
                                + "cleanup["
                                + cleanup
                                + "]: "
                                + id
                                + ": message-id=<"
                                + Long.toHexString(t)
                                + "."
                                + id
                                + "@"
                                + host
                                + ".example.com>"));
        t += rnd.nextInt(200);
        String from =
                p
                        + "qmgr["
                        + qmgr
                        + "]: "
                        + id
                        + ": from=<"
                        + sender
                        + ">, size="
                        + size
                        + ", nrcpt="
                        + rcpts
                        + " (queue active)";
        lines.add(new Line(t, from));
        lines.add(
                new Line(
                        t + rnd.nextInt(100),
                        p
                                + "smtpd["
                                + smtpd
                                + "]: disconnect from "
                                + client
                                + " ehlo=1 mail=1 rcpt="
                                + rcpts
                                + " data=1 quit=1 commands="
                                + (4 + rcpts)));
        long last = t;
        for (int r = 0; r < rcpts; r++) {
            String to =
                    USERS[rnd.nextInt(USERS.length)] + "@" + DOMAINS[rnd.nextInt(DOMAINS.length)];
            String relay = RELAYS[rnd.nextInt(RELAYS.length)];
            long at = t + 100 + rnd.nextInt(5000);
            double delay = (at - t0) / 1000.0;
            if (r == 0 && deferred) {
                lines.add(
                        new Line(
                                at,
                                p
                                        + "smtp["
                                        + smtp
                                        + "]: connect to "
                                        + relay.substring(0, relay.lastIndexOf(':'))
                                        + ": Connection timed out"));
                lines.add(delivery(p, smtp, id, to, "none", delay, "4.4.1", "deferred", at));
                long retry = at + 60_000 + rnd.nextInt(240_000);
                lines.add(new Line(retry, from));
                at = retry + rnd.nextInt(2000);
                delay = (at - t0) / 1000.0;
                lines.add(delivery(p, smtp, id, to, relay, delay, "2.0.0", "sent", at));
            } else if (r == 0 && bounced) {
                lines.add(delivery(p, smtp, id, to, relay, delay, "5.1.1", "bounced", at));
                lines.add(
                        new Line(
                                at,
                                p
                                        + "bounce["
                                        + (smtp + 1)
                                        + "]: "
                                        + id
                                        + ": sender non-delivery notification: "
                                        + queueId(i ^ (1L << 39))));
            } else {
                lines.add(delivery(p, smtp, id, to, relay, delay, "2.0.0", "sent", at));
            }
            last = Math.max(last, at);
        }
        if (!open) {
            lines.add(
                    new Line(
                            last + rnd.nextInt(50), p + "qmgr[" + qmgr + "]: " + id + ": removed"));
        }
    }

    private static Line delivery(
            String p,
            int smtp,
            String id,
            String to,
            String relay,
            double delay,
            String dsn,
            String status,
            long at) {
        String reply =
                switch (status) {
                    case "sent" -> "(250 2.0.0 Ok: queued as " + Long.toHexString(at * 31) + ")";
                    case "deferred" ->
                            "(connect to "
                                    + to.substring(to.indexOf('@') + 1)
                                    + "[203.0.113.40]:25: Connection timed out)";
                    default ->
                            "(host "
                                    + relay
                                    + " said: 550 5.1.1 <"
                                    + to
                                    + ">: Recipient address rejected: User unknown in virtual mailbox"
                                    + " table (in reply to RCPT TO command))";
                };
        return new Line(
                at,
                p
                        + "smtp["
                        + smtp
                        + "]: "
                        + id
                        + ": to=<"
                        + to
                        + ">, relay="
                        + relay
                        + String.format(
                                Locale.ROOT,
                                ", delay=%.1f, delays=0.02/0/%.2f/0.3, dsn=",
                                delay,
                                delay / 2)
                        + dsn
                        + ", status="
                        + status
                        + " "
                        + reply);
    }

    /** Lines of no mail, now and then. */
    private static void noise(long t, SplittableRandom rnd, List<Line> lines) {
        int n = rnd.nextInt(200);
        String host = HOSTS[rnd.nextInt(HOSTS.length)];
        if (n == 0) {
            lines.add(
                    new Line(
                            t,
                            host
                                    + " postfix/anvil[2201]: statistics: max connection rate"
                                    + " 3/60s for (smtp:10.0.3.21) at "
                                    + stamp(t - 60_000)));
        } else if (n == 1) {
            lines.add(
                    new Line(
                            t,
                            host
                                    + " postfix/smtpd[2290]: NOQUEUE: reject: RCPT from"
                                    + " unknown[203.0.113.99]: 554 5.7.1 <spam@example.com>:"
                                    + " Relay access denied; from=<x@example.invalid>"
                                    + " to=<spam@example.com> proto=ESMTP helo=<ns>"));
        } else if (n == 2) {
            lines.add(new Line(t, host + " -- MARK --"));
        }
    }

    /** A syslog timestamp: {@code Mar 1 00:00:07} (day padded to two characters). */
    static String stamp(long millis) {
        long s = Math.floorDiv(millis, 1000);
        LocalDateTime d = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
        return String.format(
                Locale.ROOT,
                "%s %2d %02d:%02d:%02d",
                MONTHS[d.getMonthValue() - 1],
                d.getDayOfMonth(),
                d.getHour(),
                d.getMinute(),
                d.getSecond());
    }

    private static final class Line implements Comparable<Line> {
        final long millis;
        final String text;
        long seq;

        Line(long millis, String text) {
            this.millis = millis;
            this.text = text;
        }

        @Override
        public int compareTo(Line o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
