package io.logaggregate.config.ast;

import io.logaggregate.config.SourceLocation;
import java.io.Serializable;
import java.util.List;

/**
 * {@code if c1 { ... } else if c2 { ... } else { ... }}: the branches in order; the final else
 * branch has a null condition.
 */
public record IfStatement(List<Branch> branches, SourceLocation location) implements Statement {
    public record Branch(Expr condition, List<Statement> body) implements Serializable {}
}
