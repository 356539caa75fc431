package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.Expr;
import io.logaggregate.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final SourceLocation L = new SourceLocation("p.conf", 7, 3);

    private static final Event E =
            event(
                    "s",
                    "hello world",
                    "n",
                    5L,
                    "d",
                    2.5,
                    "num_text",
                    "5",
                    "empty",
                    "",
                    "f",
                    false,
                    "t",
                    true,
                    "false_text",
                    "false",
                    "zero",
                    0L,
                    "nil",
                    null,
                    "tags",
                    list("a", "b"),
                    "nums",
                    list(1L, 2L),
                    "empty_list",
                    list(),
                    "nested",
                    map("x", "y"),
                    "other_s",
                    "world",
                    "when",
                    Instant.parse("2026-01-01T00:00:00Z"));

    private static Expr f(String ref) {
        return new Expr.FieldRef(ref, L);
    }

    private static Expr v(Object value) {
        return new Expr.Literal(value, L);
    }

    private static Expr lst(Object... values) {
        return new Expr.ListLiteral(List.of(values), L);
    }

    private static Expr re(String pattern) {
        return new Expr.Regex(pattern, L);
    }

    private static Expr cmp(Expr l, String op, Expr r) {
        return new Expr.Compare(op, l, r, L);
    }

    private static Expr bool(Expr l, String op, Expr r) {
        return new Expr.Bool(op, l, r, L);
    }

    private static boolean test(Expr e) {
        return Conditions.compile(e).test(E);
    }

    @Test
    void truthiness() {
        assertThat(test(f("s"))).isTrue();
        assertThat(test(f("zero"))).isTrue();
        assertThat(test(f("t"))).isTrue();
        assertThat(test(f("empty_list"))).isTrue();
        assertThat(test(f("[nested][x]"))).isTrue();
        assertThat(test(f("missing"))).isFalse();
        assertThat(test(f("nil"))).isFalse();
        assertThat(test(f("f"))).isFalse();
        assertThat(test(f("empty"))).isFalse();
        assertThat(test(f("false_text"))).isFalse();
        assertThat(test(new Expr.Not(f("missing"), L))).isTrue();
        assertThat(test(v("x"))).isTrue();
        assertThat(test(v(""))).isFalse();
    }

    @Test
    void equalityWithTypeMixing() {
        assertThat(test(cmp(f("s"), "==", v("hello world")))).isTrue();
        assertThat(test(cmp(v("hello world"), "==", f("s")))).isTrue();
        assertThat(test(cmp(f("n"), "==", v(5L)))).isTrue();
        assertThat(test(cmp(f("n"), "==", v(5.0)))).isTrue();
        assertThat(test(cmp(f("n"), "==", v("5")))).isFalse();
        assertThat(test(cmp(f("num_text"), "==", v(5L)))).isFalse();
        assertThat(test(cmp(f("d"), "==", v(2.5)))).isTrue();
        assertThat(test(cmp(f("tags"), "==", lst("a", "b")))).isTrue();
        assertThat(test(cmp(f("missing"), "==", v("x")))).isFalse();
        assertThat(test(cmp(f("missing"), "!=", v("x")))).isTrue();
        assertThat(test(cmp(f("s"), "!=", v("hello world")))).isFalse();
        // two missing fields are equal (Logstash compares two nils)
        assertThat(test(cmp(f("missing"), "==", f("other_missing")))).isTrue();
        assertThat(test(cmp(f("n"), "==", f("num_text")))).isFalse();
        assertThat(test(cmp(v(1L), "==", v(1L)))).isTrue();
    }

    @Test
    void orderingOnNumbersAndStrings() {
        assertThat(test(cmp(f("n"), ">", v(4L)))).isTrue();
        assertThat(test(cmp(f("n"), ">", v(5L)))).isFalse();
        assertThat(test(cmp(f("n"), ">=", v(5L)))).isTrue();
        assertThat(test(cmp(f("n"), "<", v(5.5)))).isTrue();
        assertThat(test(cmp(f("n"), "<=", v(4L)))).isFalse();
        assertThat(test(cmp(f("d"), "<", f("n")))).isTrue();
        assertThat(test(cmp(v(10L), ">", f("n")))).isTrue();
        assertThat(test(cmp(f("s"), "<", v("i")))).isTrue();
        assertThat(test(cmp(f("s"), ">", v("hello")))).isTrue();
        assertThat(test(cmp(f("s"), ">=", f("other_s")))).isFalse();
    }

    @Test
    void orderingThatCannotBeDecidedCannotBeEvaluated() {
        // Logstash raises (ConditionalEvaluationError): the runner drops the event, see
        // ConditionalsSpecTest
        for (String op : List.of("<", ">", "<=", ">=")) {
            for (Expr[] sides :
                    List.of(
                            new Expr[] {f("missing"), v(5L)},
                            new Expr[] {f("num_text"), v(5L)},
                            new Expr[] {f("tags"), v("a")},
                            new Expr[] {f("nested"), v(1L)},
                            new Expr[] {f("n"), v("5")},
                            new Expr[] {f("t"), v(1L)})) {
                assertThatThrownBy(() -> test(cmp(sides[0], op, sides[1])))
                        .as(sides[0] + " " + op + " " + sides[1])
                        .isInstanceOf(ConditionEvaluationException.class)
                        .hasMessageStartingWith("Unexpected input types left: ");
            }
        }
        // short-circuits guard a comparison, as Logstash documents
        assertThat(test(bool(f("missing"), "and", cmp(f("missing"), ">", v(5L))))).isFalse();
    }

    @Test
    void regexMatching() {
        assertThat(test(cmp(f("s"), "=~", re("wor")))).isTrue();
        assertThat(test(cmp(f("s"), "=~", re("^hello")))).isTrue();
        assertThat(test(cmp(f("s"), "=~", re("^world")))).isFalse();
        assertThat(test(cmp(f("s"), "=~", v("o w")))).isTrue();
        assertThat(test(cmp(f("s"), "!~", re("xyz")))).isTrue();
        assertThat(test(cmp(f("n"), "=~", re("5")))).isFalse();
        assertThat(test(cmp(f("missing"), "=~", re(".*")))).isFalse();
        assertThat(test(cmp(f("missing"), "!~", re(".*")))).isTrue();
        assertThat(test(cmp(f("empty"), "=~", re("^$")))).isTrue();
        assertThat(test(cmp(f("s"), "=~", re("(?<first_word>\\w+) \\k<first_word>")))).isFalse();
        assertThat(test(cmp(v("abc"), "=~", re("b")))).isTrue();
    }

    @Test
    void inAndNotIn() {
        // field in a list literal: text forms compared
        assertThat(test(cmp(f("s"), "in", lst("x", "hello world")))).isTrue();
        assertThat(test(cmp(f("n"), "in", lst("5", "6")))).isTrue();
        assertThat(test(cmp(f("num_text"), "in", lst(5L)))).isTrue();
        assertThat(test(cmp(f("missing"), "in", lst("x")))).isFalse();
        assertThat(test(cmp(f("missing"), "not_in", lst("x")))).isTrue();
        // string in a list field: element of; in a string field: substring
        assertThat(test(cmp(v("a"), "in", f("tags")))).isTrue();
        assertThat(test(cmp(v("c"), "in", f("tags")))).isFalse();
        assertThat(test(cmp(v("c"), "not_in", f("tags")))).isTrue();
        assertThat(test(cmp(v("lo wo"), "in", f("s")))).isTrue();
        assertThat(test(cmp(v("a"), "in", f("missing")))).isFalse();
        assertThat(test(cmp(v(2L), "in", f("nums")))).isTrue();
        assertThat(test(cmp(v(3L), "in", f("nums")))).isFalse();
        // field in a string: substring of the constant
        assertThat(test(cmp(f("other_s"), "in", v("hello world!")))).isTrue();
        // field in field
        assertThat(test(cmp(f("other_s"), "in", f("s")))).isTrue();
        assertThat(test(cmp(f("n"), "in", f("nums")))).isFalse();
        assertThat(test(cmp(f("tags"), "in", f("tags")))).isFalse();
        // constants
        assertThat(test(cmp(v("b"), "in", lst("a", "b")))).isTrue();
        assertThat(test(cmp(v("b"), "in", v("abc")))).isTrue();
    }

    @Test
    void booleanOperators() {
        Expr yes = f("s");
        Expr no = f("missing");
        assertThat(test(bool(yes, "and", yes))).isTrue();
        assertThat(test(bool(yes, "and", no))).isFalse();
        assertThat(test(bool(no, "or", yes))).isTrue();
        assertThat(test(bool(no, "or", no))).isFalse();
        assertThat(test(bool(yes, "xor", no))).isTrue();
        assertThat(test(bool(yes, "xor", yes))).isFalse();
        assertThat(test(bool(no, "xor", no))).isFalse();
        assertThat(test(bool(yes, "nand", yes))).isFalse();
        assertThat(test(bool(yes, "nand", no))).isTrue();
        // the article: [program] == "postfix/qmgr" and ![from_mail]
        Event qmgr = event("program", "postfix/qmgr");
        Condition c =
                Conditions.compile(
                        bool(
                                cmp(f("program"), "==", v("postfix/qmgr")),
                                "and",
                                new Expr.Not(f("from_mail"), L)));
        assertThat(c.test(qmgr)).isTrue();
        qmgr.set("from_mail", "a@b");
        assertThat(c.test(qmgr)).isFalse();
    }

    @Test
    void compiledConditionsSerialize() throws Exception {
        Condition c =
                Conditions.compile(
                        bool(cmp(f("s"), "=~", re("^h")), "and", cmp(f("n"), "in", lst(5L))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((Condition) in.readObject()).test(E)).isTrue();
        }
    }

    @Test
    void impossibleFormsFailAtCompileTime() {
        assertThatThrownBy(() -> Conditions.compile(cmp(f("s"), "=~", re("("))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid regular expression /(/")
                .extracting(e -> ((ConfigException) e).location())
                .isEqualTo(L);
        assertThatThrownBy(() -> Conditions.compile(cmp(f("s"), "=~", f("t"))))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Conditions.compile(f("[bad")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid field reference [bad");
        assertThatThrownBy(() -> Conditions.compile(cmp(f("s"), "==", re("x"))))
                .isInstanceOf(ConfigException.class);
    }
}
