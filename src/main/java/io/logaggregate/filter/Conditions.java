package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ast.Expr;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles an {@code if} expression into a {@link Condition} with the semantics of Logstash's Java
 * {@code EventCondition} compiler. Where Logstash raises an error at run time ({@code [missing] >
 * 5}, a string compared with a number by {@code <}, an array or a hash compared at all), the
 * condition throws {@link ConditionEvaluationException}: the event then takes neither branch and is
 * dropped with a warning, as Logstash 8.16+ does; bad data never stops the pipeline.
 *
 * <ul>
 *   <li>a bare field is truthy unless missing, null, {@code false}, {@code ""} or {@code "false"}
 *   <li>{@code ==} is Ruby equality: {@code "1" == 1} is false, {@code 1 == 1.0} is true
 *   <li>{@code < > <= >=} compare numbers with numbers and strings with strings
 *   <li>{@code =~} searches (not full match) a string field; anything else does not match
 *   <li>{@code [f] in [list]} compares the text forms; {@code "s" in [f]} is element-of for a list
 *       field and substring for a string field; {@code [f] in "s"} is substring
 *   <li>{@code xor} is {@code (!a and b) or (a and !b)}, {@code nand} is {@code !(a and b)}
 * </ul>
 */
public final class Conditions {
    private Conditions() {}

    /** Throws {@link ConfigException} (at the expression's location) for impossible forms. */
    public static Condition compile(Expr expr) {
        if (expr instanceof Expr.FieldRef f) {
            return new Truthy(ref(f));
        }
        if (expr instanceof Expr.Literal l) {
            return new Constant(LogstashValues.truthy(l.value()));
        }
        if (expr instanceof Expr.ListLiteral l) {
            return new Constant(LogstashValues.truthy(l.values()));
        }
        if (expr instanceof Expr.Not n) {
            return new Negated(compile(n.expr()));
        }
        if (expr instanceof Expr.Bool b) {
            Condition left = compile(b.left());
            Condition right = compile(b.right());
            return switch (b.op()) {
                case "and" -> new And(left, right);
                case "or" -> new Or(left, right);
                case "nand" -> new Negated(new And(left, right));
                case "xor" ->
                        new Or(
                                new And(new Negated(left), right),
                                new And(left, new Negated(right)));
                default ->
                        throw new ConfigException(
                                "Unknown boolean operator '" + b.op() + "'", b.location());
            };
        }
        if (expr instanceof Expr.Compare c) {
            return compare(c);
        }
        if (expr instanceof Expr.Regex r) {
            throw new ConfigException(
                    "A regular expression can only be used with =~ or !~", r.location());
        }
        throw new ConfigException("Unsupported condition", expr.location());
    }

    private static Condition compare(Expr.Compare c) {
        Expr l = c.left();
        Expr r = c.right();
        return switch (c.op()) {
            case "==" -> equal(l, r);
            case "!=" -> new Negated(equal(l, r));
            case "<" -> ordering(c, -1, false);
            case ">" -> ordering(c, 1, false);
            case "<=" -> ordering(c, -1, true);
            case ">=" -> ordering(c, 1, true);
            case "=~" -> regex(c);
            case "!~" -> new Negated(regex(c));
            case "in" -> in(c);
            case "not_in", "not in" -> new Negated(in(c));
            default ->
                    throw new ConfigException(
                            "Unknown comparison operator '" + c.op() + "'", c.location());
        };
    }

    // ---------------------------------------------------------------- operands

    /** One side of a comparison: a field of the event or a constant. */
    private interface Operand extends Serializable {
        Object value(Event e);
    }

    private record FieldOperand(FieldRefHolder ref) implements Operand {
        @Override
        public Object value(Event e) {
            return e.get(ref.get());
        }
    }

    private record ConstOperand(Object constant) implements Operand {
        @Override
        public Object value(Event e) {
            return constant;
        }
    }

    private static Operand operand(Expr e) {
        if (e instanceof Expr.FieldRef f) {
            return new FieldOperand(ref(f));
        }
        if (e instanceof Expr.Literal l) {
            return new ConstOperand(l.value());
        }
        if (e instanceof Expr.ListLiteral l) {
            return new ConstOperand(new ArrayList<>(l.values()));
        }
        if (e instanceof Expr.Regex r) {
            throw new ConfigException(
                    "A regular expression can only be used with =~ or !~", r.location());
        }
        throw new ConfigException(
                "A comparison needs a field or a value on each side", e.location());
    }

    private static FieldRefHolder ref(Expr.FieldRef f) {
        try {
            FieldRef.parse(f.ref());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid field reference " + f.ref(), f.location());
        }
        return new FieldRefHolder(f.ref());
    }

    /** A field reference that travels as text and is parsed (cached) where it runs. */
    private static final class FieldRefHolder implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String text;
        private transient FieldRef parsed;

        FieldRefHolder(String text) {
            this.text = text;
        }

        FieldRef get() {
            FieldRef p = parsed;
            if (p == null) {
                p = FieldRef.parse(text);
                parsed = p;
            }
            return p;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    // ---------------------------------------------------------------- ==

    private static Condition equal(Expr l, Expr r) {
        Operand left = operand(l);
        Operand right = operand(r);
        if (left instanceof ConstOperand a && right instanceof ConstOperand b) {
            // Logstash folds two constants with Java equals: 1 == 1.0 is false there
            return new Constant(a.constant().equals(b.constant()));
        }
        return new Equal(left, right);
    }

    private record Equal(Operand left, Operand right) implements Condition {
        @Override
        public boolean test(Event e) {
            return LogstashValues.rubyEquals(left.value(e), right.value(e));
        }
    }

    // ---------------------------------------------------------------- < > <= >=

    private static Condition ordering(Expr.Compare c, int sign, boolean orEqual) {
        return new Ordering(operand(c.left()), operand(c.right()), sign, orEqual);
    }

    private record Ordering(Operand left, Operand right, int sign, boolean orEqual)
            implements Condition {
        @Override
        public boolean test(Event e) {
            Object l = left.value(e);
            Object r = right.value(e);
            Integer cmp = LogstashValues.compare(l, r);
            if (cmp == null) {
                if (l instanceof Number && r instanceof Number) {
                    return false; // NaN: Ruby's <=> answers nil, the comparison is false
                }
                throw new ConditionEvaluationException(
                        "Unexpected input types left: " + describe(l) + ", right: " + describe(r));
            }
            return cmp == sign || (orEqual && cmp == 0);
        }
    }

    private static String describe(Object v) {
        if (v == null) {
            return "<no value>";
        }
        String type =
                v instanceof String
                        ? "String"
                        : v instanceof Number
                                ? "Number"
                                : v instanceof java.util.List
                                        ? "Array"
                                        : v instanceof java.util.Map
                                                ? "Hash"
                                                : v.getClass().getSimpleName();
        return type + ":" + LogstashValues.inspect(v);
    }

    // ---------------------------------------------------------------- =~

    private static Condition regex(Expr.Compare c) {
        String pattern;
        if (c.right() instanceof Expr.Regex r) {
            pattern = r.pattern();
        } else if (c.right() instanceof Expr.Literal l && l.value() instanceof String s) {
            pattern = s;
        } else {
            throw new ConfigException(
                    "The right side of " + c.op() + " must be a regular expression or a string",
                    c.right().location());
        }
        try {
            RubyRegex.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(
                    "Invalid regular expression /" + pattern + "/: " + e.getDescription(),
                    c.right().location());
        }
        if (c.left() instanceof Expr.Regex) {
            throw new ConfigException(
                    "The left side of " + c.op() + " must be a field or a string",
                    c.left().location());
        }
        return new Matches(operand(c.left()), pattern);
    }

    private static final class Matches implements Condition {
        private static final long serialVersionUID = 1L;
        private final Operand subject;
        private final String regex;
        private transient Pattern compiled;

        Matches(Operand subject, String regex) {
            this.subject = subject;
            this.regex = regex;
        }

        @Override
        public boolean test(Event e) {
            // only strings are matched; numbers, lists, missing fields never match
            if (!(subject.value(e) instanceof String s)) {
                return false;
            }
            Pattern p = compiled;
            if (p == null) {
                p = RubyRegex.compile(regex).pattern();
                compiled = p;
            }
            return p.matcher(s).find();
        }
    }

    // ---------------------------------------------------------------- in

    private static Condition in(Expr.Compare c) {
        Expr l = c.left();
        Expr r = c.right();
        Operand left = operand(l);
        Operand right = operand(r);
        if (left instanceof FieldOperand f && right instanceof ConstOperand k) {
            if (k.constant() instanceof List<?> list) {
                return new FieldInList(f, List.copyOf(list));
            }
            return new FieldInConstantText(f, k.constant().toString());
        }
        if (left instanceof ConstOperand k && right instanceof FieldOperand f) {
            if (k.constant() instanceof String s) {
                return new StringInField(s, f);
            }
            if (k.constant() instanceof Number) {
                return new ValueInListField(k.constant(), f);
            }
            throw new ConfigException(
                    "A list cannot be searched for in a field; write [field] in [...]",
                    l.location());
        }
        if (left instanceof FieldOperand a && right instanceof FieldOperand b) {
            return new FieldInField(a, b);
        }
        return new Constant(
                constantIn(((ConstOperand) left).constant(), ((ConstOperand) right).constant()));
    }

    private static boolean constantIn(Object other, Object found) {
        if (found instanceof List<?> list && other instanceof String) {
            return list.stream().anyMatch(i -> String.valueOf(i).equals(other.toString()));
        }
        if (found instanceof String fs && other instanceof String os) {
            return fs.contains(os);
        }
        if (found instanceof String fs && other instanceof List<?> list) {
            return list.stream().anyMatch(i -> String.valueOf(i).equals(fs));
        }
        return found != null && found.equals(other);
    }

    /** {@code [f] in ["a", 1]}: the field's text form equals one of the items' text forms. */
    private record FieldInList(FieldOperand field, List<Object> items) implements Condition {
        @Override
        public boolean test(Event e) {
            Object found = field.value(e);
            if (found == null) {
                return false;
            }
            String text = LogstashValues.javaToString(found);
            for (Object item : items) {
                if (LogstashValues.javaToString(item).equals(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code [f] in "abc"}: a string field that is a substring of the constant. */
    private record FieldInConstantText(FieldOperand field, String text) implements Condition {
        @Override
        public boolean test(Event e) {
            return field.value(e) instanceof String s && text.contains(s);
        }
    }

    /** {@code "a" in [f]}: substring of a string field, or element of a list field. */
    private record StringInField(String needle, FieldOperand field) implements Condition {
        @Override
        public boolean test(Event e) {
            Object found = field.value(e);
            if (found instanceof String s) {
                return s.contains(needle);
            }
            return found instanceof List<?> l && containsRuby(l, needle);
        }
    }

    /** {@code 5 in [f]}: element of a list field. */
    private record ValueInListField(Object needle, FieldOperand field) implements Condition {
        @Override
        public boolean test(Event e) {
            return field.value(e) instanceof List<?> l && containsRuby(l, needle);
        }
    }

    /** {@code [a] in [b]}. */
    private record FieldInField(FieldOperand left, FieldOperand right) implements Condition {
        @Override
        public boolean test(Event e) {
            Object l = left.value(e);
            Object r = right.value(e);
            if (l == null || l instanceof List || l instanceof java.util.Map) {
                return false;
            }
            if (l instanceof String ls && r instanceof String rs) {
                return rs.contains(ls);
            }
            if (r instanceof List<?> list) {
                return containsRuby(list, l);
            }
            return LogstashValues.rubyEquals(l, r);
        }
    }

    private static boolean containsRuby(List<?> list, Object value) {
        for (Object o : list) {
            if (LogstashValues.rubyEquals(value, o)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- boolean structure

    private record Truthy(FieldRefHolder ref) implements Condition {
        @Override
        public boolean test(Event e) {
            return LogstashValues.truthy(e.get(ref.get()));
        }
    }

    private record Constant(boolean value) implements Condition {
        @Override
        public boolean test(Event e) {
            return value;
        }
    }

    private record Negated(Condition inner) implements Condition {
        @Override
        public boolean test(Event e) {
            return !inner.test(e);
        }
    }

    private record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(Event e) {
            return left.test(e) && right.test(e);
        }
    }

    private record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(Event e) {
            return left.test(e) || right.test(e);
        }
    }
}
