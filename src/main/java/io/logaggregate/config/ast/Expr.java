package io.logaggregate.config.ast;

import io.logaggregate.config.SourceLocation;
import java.io.Serializable;
import java.util.List;

/**
 * A condition expression, as Logstash's grammar defines it.
 *
 * <ul>
 *   <li>{@link FieldRef} {@code [a][b]}
 *   <li>{@link Literal}: a String, Long or Double
 *   <li>{@link ListLiteral} {@code ["a", "b"]} (right side of {@code in})
 *   <li>{@link Regex} {@code /.../} (right side of {@code =~ / !~})
 *   <li>{@link Compare}: op one of {@code == != < > <= >= =~ !~ in not_in}
 *   <li>{@link Bool}: op one of {@code and or xor nand}
 *   <li>{@link Not}: {@code !expr}
 * </ul>
 */
public sealed interface Expr extends Serializable {
    SourceLocation location();

    record FieldRef(String ref, SourceLocation location) implements Expr {}

    record Literal(Object value, SourceLocation location) implements Expr {}

    record ListLiteral(List<Object> values, SourceLocation location) implements Expr {}

    record Regex(String pattern, SourceLocation location) implements Expr {}

    record Compare(String op, Expr left, Expr right, SourceLocation location) implements Expr {}

    record Bool(String op, Expr left, Expr right, SourceLocation location) implements Expr {}

    record Not(Expr expr, SourceLocation location) implements Expr {}
}
