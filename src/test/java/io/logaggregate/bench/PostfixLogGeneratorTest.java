package io.logaggregate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PostfixLogGeneratorTest {
    private static final Pattern QUEUE_ID = Pattern.compile(": ([0-9A-F]{10}): ");
    private static final Pattern NRCPT = Pattern.compile("nrcpt=(\\d+)");

    private static String generate(long seed, boolean open, int mails) throws Exception {
        StringWriter w = new StringWriter();
        PostfixLogGenerator.Summary s =
                new PostfixLogGenerator(
                                seed,
                                200,
                                open
                                        ? PostfixLogGenerator.Shape.OPEN
                                        : PostfixLogGenerator.Shape.COMPLETE)
                        .write(mails, w);
        assertThat(s.mails()).isEqualTo(mails);
        assertThat(s.lines()).isEqualTo(w.toString().lines().count());
        assertThat(s.bytes()).isEqualTo(w.toString().length());
        return w.toString();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
        assertThat(generate(7, false, 300)).isEqualTo(generate(7, false, 300));
        assertThat(generate(7, false, 300)).isNotEqualTo(generate(8, false, 300));
    }

    @Test
    void everyMailIsCompleteAndLinesAreInTimeOrder() throws Exception {
        String log = generate(42, false, 2000);
        Map<String, List<String>> mails = new LinkedHashMap<>();
        String previousStamp = null;
        int deferred = 0;
        int bounced = 0;
        for (String line : log.lines().toList()) {
            String stamp = line.substring(0, 15);
            assertThat(stamp).matches("Mar [ 1-9]\\d \\d\\d:\\d\\d:\\d\\d");
            if (previousStamp != null) {
                assertThat(stamp.substring(4)).isGreaterThanOrEqualTo(previousStamp.substring(4));
            }
            previousStamp = stamp;
            Matcher m = QUEUE_ID.matcher(line);
            if (m.find() && !line.contains("postfix/bounce")) {
                mails.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(line);
            }
        }
        assertThat(mails).hasSize(2000);
        for (List<String> mail : mails.values()) {
            assertThat(mail.get(0)).contains("postfix/smtpd[").contains(": client=");
            assertThat(mail.get(mail.size() - 1)).contains("postfix/qmgr[").endsWith(": removed");
            List<String> from = mail.stream().filter(l -> l.contains(": from=<")).toList();
            Matcher n = NRCPT.matcher(from.get(0));
            assertThat(n.find()).isTrue();
            int rcpts = Integer.parseInt(n.group(1));
            assertThat(rcpts).isBetween(2, 4);
            long to = mail.stream().filter(l -> l.contains(": to=<")).count();
            boolean wasDeferred = mail.stream().anyMatch(l -> l.contains("status=deferred"));
            deferred += wasDeferred ? 1 : 0;
            bounced += mail.stream().anyMatch(l -> l.contains("status=bounced")) ? 1 : 0;
            assertThat(to).isEqualTo(rcpts + (wasDeferred ? 1 : 0));
            assertThat(from).hasSize(wasDeferred ? 2 : 1);
            // with its smtpd connect and disconnect lines (which carry no queue id)
            assertThat(mail.size() + 2).isBetween(8, 12);
        }
        assertThat(deferred).isBetween(100, 300); // one in ten
        assertThat(bounced).isBetween(50, 150); // one in twenty
        assertThat(log).contains("postfix/anvil[", "NOQUEUE: reject", "-- MARK --");
        assertThat(log.lines().map(l -> l.substring(16, 19)).distinct()).hasSizeGreaterThan(2);
    }

    @Test
    void openMailsHaveNoRemovedLine() throws Exception {
        String log = generate(42, true, 500);
        assertThat(log).doesNotContain(": removed", "status=deferred");
        assertThat(log.lines().filter(l -> l.contains(": client=")).count()).isEqualTo(500);
    }

    @Test
    void firstLinesOnlyHoldOneClientLinePerMail() throws Exception {
        StringWriter w = new StringWriter();
        new PostfixLogGenerator(42, 200, PostfixLogGenerator.Shape.FIRST_LINE).write(300, w);
        assertThat(w.toString().lines()).hasSize(300).allMatch(l -> l.contains(": client="));
    }

    @Test
    void queueIdsAreDistinct() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            assertThat(ids.add(PostfixLogGenerator.queueId(i))).isTrue();
        }
    }
}
