package io.logaggregate.config;

import io.logaggregate.config.ast.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns {@code e0 op1 e1 op2 e2 ...} (one level of a condition, parentheses already folded into
 * their operands) into a tree of {@link Expr.Bool}, exactly as Logstash does it today.
 *
 * <p>Source read: elastic/logstash {@code logstash-core/lib/logstash/compiler/lscl.rb}, class
 * {@code Condition} (methods {@code join_conditions} and {@code precedence}), used by {@code
 * LogStash::Compiler.compile_imperative} for every pipeline (the treetop grammar's {@code
 * condition} rule is just {@code expression (cs boolean_operator cs expression)*} and gives no
 * precedence). Findings:
 *
 * <ul>
 *   <li>{@code and} has precedence 2, {@code or} 1: {@code a or b and c} is {@code a or (b and c)}.
 *   <li>The "shunting yard" there pops at most ONE operator when a lower-precedence one arrives,
 *       and never pops on equal precedence. So equal operators group to the right and a chain like
 *       {@code a and b and c or d} becomes {@code a and ((b and c) or d)}, not {@code (a and b and
 *       c) or d}. We reproduce that so a pipeline gives the same events as in Logstash.
 *   <li>{@code precedence} raises "Unexpected operator" for {@code xor} and {@code nand}; it is
 *       only called once a second operator appears, so {@code a xor b} works but {@code xor} or
 *       {@code nand} next to any other operator at the same level makes Logstash refuse the
 *       pipeline. We refuse it too, with a message that says to add parentheses.
 * </ul>
 */
final class BooleanChain {
    private BooleanChain() {}

    /**
     * @param operands n+1 operands
     * @param ops n operators ("and", "or", "xor", "nand")
     * @param opPositions source offsets of the operators, for errors
     */
    static Expr combine(
            List<Expr> operands, List<String> ops, List<Integer> opPositions, SourceText src) {
        if (ops.isEmpty()) {
            return operands.get(0);
        }
        // Postfix output: Expr for operands, Integer (index into ops) for operators.
        List<Object> out = new ArrayList<>();
        Deque<Integer> stack = new ArrayDeque<>();
        out.add(operands.get(0));
        for (int i = 0; i < ops.size(); i++) {
            if (!stack.isEmpty()) {
                int top = stack.peek();
                int pos = opPositions.get(i);
                if (precedence(ops.get(top), pos, src) > precedence(ops.get(i), pos, src)) {
                    out.add(stack.pop());
                }
            }
            stack.push(i);
            out.add(operands.get(i + 1));
        }
        while (!stack.isEmpty()) {
            out.add(stack.pop());
        }

        Deque<Expr> eval = new ArrayDeque<>();
        for (Object o : out) {
            if (o instanceof Integer i) {
                Expr right = eval.pop();
                Expr left = eval.pop();
                eval.push(new Expr.Bool(ops.get(i), left, right, left.location()));
            } else {
                eval.push((Expr) o);
            }
        }
        return eval.pop();
    }

    private static int precedence(String op, int pos, SourceText src) {
        return switch (op) {
            case "and" -> 2;
            case "or" -> 1;
            default ->
                    throw src.error(
                            "`"
                                    + op
                                    + "` cannot be combined with another boolean operator without"
                                    + " parentheses (Logstash refuses this condition); write e.g."
                                    + " `(a "
                                    + op
                                    + " b) and c`",
                            pos);
        };
    }
}
