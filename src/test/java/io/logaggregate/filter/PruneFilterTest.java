package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ported from logstash-filter-prune's prune_spec.rb. */
class PruneFilterTest {
    private static final String SAYING =
            "Cloud is not ready for enterprise if is not integrate with single server running"
                    + " Active Directory.";

    private static Map<String, Object> boratData() {
        return map(
                "firstname", "Borat",
                "lastname", "Sagdiyev",
                "fullname", "Borat Sagdiyev",
                "country", "Kazakhstan",
                "location", "Somethere in Kazakhstan",
                "hobby", "Cloud",
                "status", "200",
                "Borat_saying", SAYING);
    }

    private static Event borat(Object... extra) {
        Map<String, Object> m = new LinkedHashMap<>(boratData());
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return Event.fromMap(m, FilterTestSupport.T0);
    }

    private static Event arrays() {
        return FilterTestSupport.event(
                "blah", "foo",
                "xxx", list("1 2 3", "3 4 5"),
                "status", list("100", "200", "300", "400", "500"),
                "error", list("This is foolish", "Need smthing smart too"));
    }

    @Test
    void defaultKeepsEverythingButUnresolvedReferences() {
        Event e = run(filter("prune"), borat("%{hmm}", "doh"));
        assertThat(e.toMap()).containsAllEntriesOf(boratData());
        assertThat(e.toMap()).doesNotContainKey("%{hmm}");
    }

    @Test
    void whitelistNames() {
        Event e =
                run(
                        filter(
                                "prune",
                                "whitelist_names",
                                list("firstname", "(hobby|status)", "%{firstname}_saying")),
                        borat("%{hmm}", "doh"));
        assertThat(e.get("firstname")).isEqualTo("Borat");
        assertThat(e.get("hobby")).isEqualTo("Cloud");
        assertThat(e.get("status")).isEqualTo("200");
        for (String gone :
                new String[] {
                    "lastname", "fullname", "country", "location", "Borat_saying", "%{hmm}"
                }) {
            assertThat(e.toMap()).doesNotContainKey(gone);
        }
        // Logstash's to_hash has @timestamp and @version: a whitelist without them drops them
        assertThat(e.toMap()).doesNotContainKeys("@timestamp", "@version");
    }

    @Test
    void whitelistNamesWithInterpolation() {
        Event e =
                run(
                        filter(
                                "prune",
                                "whitelist_names",
                                list("firstname", "%{firstname}_saying"),
                                "interpolate",
                                true),
                        borat());
        assertThat(e.get("firstname")).isEqualTo("Borat");
        assertThat(e.get("Borat_saying")).isEqualTo(SAYING);
        assertThat(e.toMap()).doesNotContainKeys("lastname", "hobby");
    }

    @Test
    void blacklistNames() {
        Object names = list("firstname", "(hobby|status)", "%{firstname}_saying");
        Event e = run(filter("prune", "blacklist_names", names), borat("%{hmm}", "doh"));
        assertThat(e.toMap()).doesNotContainKeys("firstname", "hobby", "status");
        assertThat(e.get("lastname")).isEqualTo("Sagdiyev");
        assertThat(e.get("fullname")).isEqualTo("Borat Sagdiyev");
        assertThat(e.get("country")).isEqualTo("Kazakhstan");
        assertThat(e.get("location")).isEqualTo("Somethere in Kazakhstan");
        assertThat(e.get("Borat_saying")).isEqualTo(SAYING);
        // the default blacklist is replaced, so unresolved references stay
        assertThat(e.get("%{hmm}")).isEqualTo("doh");

        Event i = run(filter("prune", "blacklist_names", names, "interpolate", true), borat());
        assertThat(i.toMap()).doesNotContainKey("Borat_saying");
    }

    private static final Map<String, Object> VALUES =
            map(
                    "firstname", "^Borat$",
                    "fullname", "%{firstname} Sagdiyev",
                    "location", "no no no",
                    "status", "^2",
                    "%{firstname}_saying", "%{hobby}.*Active");

    @Test
    void whitelistValues() {
        Event e = run(filter("prune", "whitelist_values", VALUES), borat());
        assertThat(e.get("firstname")).isEqualTo("Borat");
        assertThat(e.get("status")).isEqualTo("200");
        assertThat(e.toMap()).doesNotContainKeys("fullname", "location");
        assertThat(e.get("lastname")).isEqualTo("Sagdiyev");
        assertThat(e.get("country")).isEqualTo("Kazakhstan");
        assertThat(e.get("hobby")).isEqualTo("Cloud");
        assertThat(e.get("Borat_saying")).isEqualTo(SAYING);

        Event i =
                run(
                        filter("prune", "whitelist_values", VALUES, "interpolate", true),
                        borat("%{hmm}", "doh"));
        assertThat(i.get("fullname")).isEqualTo("Borat Sagdiyev");
        assertThat(i.get("Borat_saying")).isEqualTo(SAYING);
    }

    @Test
    void whitelistValuesOfArrays() {
        Object config = map("status", "^(1|2|3)", "xxx", "3", "error", "%{blah}");
        Event e = run(filter("prune", "whitelist_values", config), arrays());
        assertThat(e.toMap()).doesNotContainKey("error");
        assertThat(e.get("status")).isEqualTo(list("100", "200", "300"));
        assertThat(e.get("xxx")).isEqualTo(list("1 2 3", "3 4 5"));

        Event i = run(filter("prune", "whitelist_values", config, "interpolate", true), arrays());
        assertThat(i.get("error")).isEqualTo(list("This is foolish"));
    }

    @Test
    void blacklistValues() {
        Event e = run(filter("prune", "blacklist_values", VALUES), borat());
        assertThat(e.toMap()).doesNotContainKeys("firstname", "status");
        assertThat(e.get("fullname")).isEqualTo("Borat Sagdiyev");
        assertThat(e.get("location")).isEqualTo("Somethere in Kazakhstan");

        Event i = run(filter("prune", "blacklist_values", VALUES, "interpolate", true), borat());
        assertThat(i.toMap()).doesNotContainKeys("fullname", "Borat_saying");
    }

    @Test
    void blacklistValuesOfArrays() {
        Object config = map("status", "^(1|2|3)", "xxx", "3", "error", "%{blah}");
        Event e = run(filter("prune", "blacklist_values", config), arrays());
        assertThat(e.toMap()).doesNotContainKey("xxx");
        assertThat(e.get("error")).isEqualTo(list("This is foolish", "Need smthing smart too"));
        assertThat(e.get("status")).isEqualTo(list("400", "500"));

        Event i = run(filter("prune", "blacklist_values", config, "interpolate", true), arrays());
        assertThat(i.get("error")).isEqualTo(list("Need smthing smart too"));
    }

    @Test
    void metadataIsNeverPrunedAndCommonOptionsApply() {
        Event in = borat();
        in.set("[@metadata][keep]", "yes");
        Event e =
                run(
                        filter(
                                "prune",
                                "whitelist_names",
                                list("^firstname$"),
                                "add_field",
                                map("added", "%{firstname}")),
                        in);
        assertThat(e.toMap()).isEqualTo(map("firstname", "Borat", "added", "Borat"));
        assertThat(e.get("[@metadata][keep]")).isEqualTo("yes");
    }

    @Test
    void badRegexIsAConfigError() {
        assertThatThrownBy(() -> filter("prune", "blacklist_names", list("(unclosed")))
                .hasMessageContaining("Invalid regular expression '(unclosed'");
    }
}
