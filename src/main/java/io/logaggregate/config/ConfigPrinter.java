package io.logaggregate.config;

import io.logaggregate.config.ast.Expr;
import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.config.ast.Statement;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a parsed pipeline back as Logstash configuration text: one setting per line, two-space
 * indentation. {@link ConfigParser} reads the output back to the same AST (locations aside), and so
 * does Logstash: hash entries are separated by spaces, not commas, and every boolean operand that
 * is itself a boolean operation is put in parentheses, so Logstash's unusual operator grouping (see
 * {@link BooleanChain}) cannot change the meaning.
 *
 * <p>Values are printed after {@code ${VAR}} substitution. The language has no escapes, so a string
 * holding both an unescaped {@code "} and an unescaped {@code '} (possible only through
 * substitution) cannot be written exactly; it is printed in double quotes as a best effort.
 */
public final class ConfigPrinter {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern BAREWORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final StringBuilder out = new StringBuilder();

    private ConfigPrinter() {}

    public static String print(PipelineConfig config) {
        ConfigPrinter p = new ConfigPrinter();
        if (!config.inputs().isEmpty()) {
            p.out.append("input {\n");
            for (PluginDef d : config.inputs()) {
                p.plugin(d, 1);
            }
            p.out.append("}\n");
        }
        p.section("filter", config.filters());
        p.section("output", config.outputs());
        return p.out.toString();
    }

    private void section(String name, List<Statement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        out.append(name).append(" {\n");
        statements(statements, 1);
        out.append("}\n");
    }

    private void statements(List<Statement> statements, int depth) {
        for (Statement st : statements) {
            if (st instanceof PluginStatement ps) {
                plugin(ps.plugin(), depth);
            } else {
                ifStatement((IfStatement) st, depth);
            }
        }
    }

    private void ifStatement(IfStatement st, int depth) {
        indent(depth);
        for (int i = 0; i < st.branches().size(); i++) {
            IfStatement.Branch b = st.branches().get(i);
            if (i > 0) {
                out.append(" else ");
            }
            if (b.condition() != null) {
                out.append("if ").append(expr(b.condition())).append(' ');
            }
            out.append("{\n");
            statements(b.body(), depth + 1);
            indent(depth);
            out.append('}');
        }
        out.append('\n');
    }

    private void plugin(PluginDef d, int depth) {
        indent(depth);
        out.append(name(d.name()));
        if (d.settings().isEmpty()) {
            out.append(" {}\n");
            return;
        }
        out.append(" {\n");
        for (Setting s : d.settings()) {
            indent(depth + 1);
            out.append(name(s.name())).append(" => ");
            if (s.bareword()
                    && s.value() instanceof String str
                    && BAREWORD.matcher(str).matches()) {
                out.append(str);
            } else {
                out.append(value(s.value()));
            }
            out.append('\n');
        }
        indent(depth);
        out.append("}\n");
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }

    // ------------------------------------------------------------------ values

    /**
     * A value as the pipeline language writes it ({@code "text"}, {@code [1, 2]}, {@code { "a" => 1
     * }}).
     */
    public static String value(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Double || v instanceof Float) {
            String plain = BigDecimal.valueOf(((Number) v).doubleValue()).toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "{}";
            }
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(' ')
                        .append(quote(String.valueOf(e.getKey())))
                        .append(" => ")
                        .append(value(e.getValue()));
            }
            return sb.append(" }").toString();
        }
        if (v instanceof PluginDef p) {
            StringBuilder sb = new StringBuilder(name(p.name())).append(" {");
            for (Setting s : p.settings()) {
                sb.append(' ').append(name(s.name())).append(" => ");
                if (s.bareword()
                        && s.value() instanceof String str
                        && BAREWORD.matcher(str).matches()) {
                    sb.append(str);
                } else {
                    sb.append(value(s.value()));
                }
            }
            return sb.append(" }").toString();
        }
        return quote(String.valueOf(v));
    }

    private static String name(String name) {
        return NAME.matcher(name).matches() ? name : quote(name);
    }

    /** Double quotes if the text reads back unchanged inside them, else single quotes. */
    static String quote(String s) {
        if (readsBackInside(s, '"') || !readsBackInside(s, '\'')) {
            return '"' + s + '"';
        }
        return "'" + s + "'";
    }

    /**
     * Whether {@code q + s + q} parses back to exactly {@code s}: every {@code q} inside must be
     * escaped, and a trailing backslash would escape the closing quote.
     */
    private static boolean readsBackInside(String s, char q) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == q) {
                i += 2;
            } else if (c == q || (c == '\\' && i + 1 == s.length())) {
                return false;
            } else {
                i++;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ conditions

    static String expr(Expr e) {
        if (e instanceof Expr.FieldRef f) {
            return f.ref();
        }
        if (e instanceof Expr.Literal l) {
            return value(l.value());
        }
        if (e instanceof Expr.ListLiteral l) {
            return value(l.values());
        }
        if (e instanceof Expr.Regex r) {
            // A regex that came from a string (`=~ "a/b"`) may hold a bare slash: print it back
            // as the string, which the parser turns into the same Regex.
            return readsBackInside(r.pattern(), '/') ? "/" + r.pattern() + "/" : quote(r.pattern());
        }
        if (e instanceof Expr.Compare c) {
            String op = c.op().equals("not_in") ? "not in" : c.op();
            return expr(c.left()) + " " + op + " " + expr(c.right());
        }
        if (e instanceof Expr.Bool b) {
            return operand(b.left()) + " " + b.op() + " " + operand(b.right());
        }
        Expr.Not not = (Expr.Not) e;
        if (not.expr() instanceof Expr.FieldRef f) {
            return "!" + f.ref();
        }
        return "!(" + expr(not.expr()) + ")";
    }

    private static String operand(Expr e) {
        return e instanceof Expr.Bool ? "(" + expr(e) + ")" : expr(e);
    }
}
