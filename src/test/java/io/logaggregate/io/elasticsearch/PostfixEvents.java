package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregated postfix events, as the postfix pipeline produces them, made up but realistic. */
final class PostfixEvents {
    static final Instant START = Instant.parse("2026-01-31T00:00:00Z");

    private PostfixEvents() {}

    static String taskId(long i) {
        return String.format("4B%08X", i);
    }

    static Event event(long i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Event.TIMESTAMP, START.plusSeconds(i));
        m.put("taskid", taskId(i));
        m.put("hostname", "mx" + (i % 3));
        m.put("program", "postfix/smtpd");
        m.put("client_hostname", "client" + (i % 97) + ".example.org");
        m.put("client_ip", "192.0.2." + (i % 250 + 1));
        m.put("from_mail", "sender" + (i % 41) + "@example.org");
        m.put("size", 1000 + i % 50_000);
        m.put("nrcpt", 1 + i % 3);
        m.put("to_mail", List.of("rcpt" + i + "@example.com"));
        m.put("relay", List.of("127.0.0.1[127.0.0.1]:10025"));
        m.put("status", List.of("sent"));
        m.put("tags", List.of("aggregated"));
        return Event.fromMap(m, START);
    }

    static List<Event> events(int n) {
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(event(i));
        }
        return out;
    }
}
