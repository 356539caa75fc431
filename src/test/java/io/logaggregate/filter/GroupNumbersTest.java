package io.logaggregate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link GroupNumbers}: Java's group numbers of named groups, or null where it is unsure. */
class GroupNumbersTest {

    @Test
    void countsPlainAndNamedGroupsNotClassesEscapesOrLookarounds() {
        Pattern p =
                Pattern.compile(
                        "(a)(?:b)(?<g0>c[()\\]]\\()(?<=x)(?<!y)(?=z)(?!w)(?i:q)([^(]+)(?<g1>(d))[[a-b]&&[^(]](?<g2>e)");
        Map<String, Integer> n = GroupNumbers.of(p);
        assertThat(n).isEqualTo(Map.of("g0", 2, "g1", 4, "g2", 6));
        java.util.regex.Matcher m = p.matcher("abc(x(qQf(d)ae");
        // the numbers name the same groups as the names do wherever the regex matches
        if (m.find()) {
            for (Map.Entry<String, Integer> e : n.entrySet()) {
                assertThat(m.group(e.getValue().intValue())).isEqualTo(m.group(e.getKey()));
            }
        }
    }

    @Test
    void unsureOfQuotingAndComments() {
        assertThat(GroupNumbers.of(Pattern.compile("\\Q(\\E(?<g0>a)"))).isNull();
        assertThat(GroupNumbers.of(Pattern.compile("(?x)(?<g0>a) # (b)"))).isNull();
        assertThat(GroupNumbers.of(Pattern.compile("(?<g0>a)", Pattern.COMMENTS))).isNull();
        assertThat(GroupNumbers.of(Pattern.compile("(?i-x)(?<g0>a)"))).isNotNull();
    }
}
