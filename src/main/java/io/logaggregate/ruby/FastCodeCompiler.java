package io.logaggregate.ruby;

import io.logaggregate.event.FieldRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jruby.ParseResult;
import org.jruby.Ruby;
import org.jruby.ast.ArgsNode;
import org.jruby.ast.ArgumentNode;
import org.jruby.ast.ArrayNode;
import org.jruby.ast.AttrAssignNode;
import org.jruby.ast.BlockNode;
import org.jruby.ast.CallNode;
import org.jruby.ast.DVarNode;
import org.jruby.ast.FCallNode;
import org.jruby.ast.FalseNode;
import org.jruby.ast.FixnumNode;
import org.jruby.ast.FloatNode;
import org.jruby.ast.IterNode;
import org.jruby.ast.ListNode;
import org.jruby.ast.NilNode;
import org.jruby.ast.Node;
import org.jruby.ast.OpElementAsgnNode;
import org.jruby.ast.RootNode;
import org.jruby.ast.StrNode;
import org.jruby.ast.TrueNode;
import org.jruby.ast.ZArrayNode;
import org.jruby.ast.visitor.OperatorCallNode;
import org.jruby.util.ByteList;

/**
 * Decides whether an aggregate {@code code} snippet can run as fast code ({@link
 * FastAggregateCode}), and compiles it. The snippet is parsed by JRuby's own parser, in the very
 * source the JRuby path runs ({@code lambda { |event, map, map_meta, &new_event_block| ... }}), and
 * every node of its body must belong to this subset, each statement on its own or separated by
 * {@code ;}:
 *
 * <ul>
 *   <li>{@code map['k'] ||= V}, {@code map['k'] = V}, {@code map['k'] << V}, {@code map['k'] += V}
 *   <li>{@code event.set('ref', V)} or {@code event['ref'] = V}, where V may also be {@code
 *       map['k']}
 *   <li>{@code event.cancel}, {@code event.tag('t')}, {@code event.remove('ref')}
 * </ul>
 *
 * the calls of each statement on one line (then Ruby's backtrace gives an exception the statement's
 * line), where V is a string literal, an Integer or Float literal, nil, true, false, an array
 * literal of such values, or {@code event.get('ref')} / {@code event['ref']}. Keys and field
 * references are string literals (a valid field reference; keys as Strings, never Symbols). The
 * whole snippet is ASCII (so string literals mean the same bytes whatever the source encoding) and
 * no string literal is frozen. Anything else, from a local variable to a method call the subset
 * does not name, a block, string interpolation or {@code map_meta}, keeps the snippet on the JRuby
 * path.
 */
final class FastCodeCompiler {
    private final Map<String, FastKey> keys = new HashMap<>();

    private FastCodeCompiler() {}

    /** Why a snippet stays on the JRuby path. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }

        Rejected(Node node, String message) {
            this("line " + (node.getLine() + 1) + ": " + message);
        }
    }

    /**
     * Compiles {@code code} (wrapped as {@code source}, the text the JRuby path runs) into fast
     * statements.
     *
     * @throws Rejected when the snippet is outside the subset
     */
    static List<FastStatement> compile(Ruby runtime, String file, String source, String code)
            throws Rejected {
        String snippet = code == null ? "" : code;
        for (int i = 0; i < snippet.length(); i++) {
            if (snippet.charAt(i) >= 0x80) {
                throw new Rejected("the code is not plain ASCII");
            }
        }
        ParseResult parsed;
        try {
            parsed =
                    runtime.parseFile(
                            file,
                            new ByteArrayInputStream(source.getBytes(StandardCharsets.US_ASCII)),
                            null);
        } catch (RuntimeException e) {
            throw new Rejected("JRuby's parser: " + e);
        }
        if (!(parsed instanceof RootNode root)) {
            throw new Rejected("not parsed into a RootNode");
        }
        return new FastCodeCompiler().program(lambdaBody(root.getBodyNode()));
    }

    /**
     * The body of the lambda in {@code LogAggregate::CodeContext.new.instance_exec { lambda {
     * |event, map, map_meta, &new_event_block| BODY } }}; anything else (the snippet closed those
     * braces itself) is rejected.
     */
    private static Node lambdaBody(Node top) throws Rejected {
        if (!(top instanceof CallNode exec)
                || top.getClass() != CallNode.class
                || !"instance_exec".equals(exec.getName().idString())
                || exec.getArgsNode() != null
                || !(exec.getIterNode() instanceof IterNode outer)) {
            throw new Rejected("not the lambda the code is wrapped in");
        }
        if (!(outer.getBodyNode() instanceof FCallNode lambda)
                || !"lambda".equals(lambda.getName().idString())
                || lambda.getArgsNode() != null
                || !(lambda.getIterNode() instanceof IterNode inner)) {
            throw new Rejected("not the lambda the code is wrapped in");
        }
        ArgsNode args = inner.getArgsNode();
        if (args == null
                || args.getPreCount() != 3
                || !argNamed(args.getPre(), 0, "event")
                || !argNamed(args.getPre(), 1, "map")
                || !argNamed(args.getPre(), 2, "map_meta")
                || args.getOptionalArgsCount() != 0
                || args.getRestArgNode() != null
                || args.getPostCount() != 0
                || args.getKeywordCount() != 0
                || args.getKeyRest() != null
                || args.getBlock() == null
                || !"new_event_block".equals(args.getBlock().getName().idString())) {
            throw new Rejected("not the lambda the code is wrapped in");
        }
        return inner.getBodyNode();
    }

    private static boolean argNamed(ListNode pre, int i, String name) {
        return pre.get(i) instanceof ArgumentNode a && name.equals(a.getName().idString());
    }

    private List<FastStatement> program(Node body) throws Rejected {
        List<FastStatement> out = new ArrayList<>();
        if (body == null || body instanceof NilNode) {
            return out; // an empty snippet, or just nil
        }
        if (body.getClass() == BlockNode.class) {
            BlockNode block = (BlockNode) body;
            for (int i = 0; i < block.size(); i++) {
                out.add(statement(block.get(i)));
            }
        } else {
            out.add(statement(body));
        }
        return out;
    }

    // ------------------------------------------------------------------ statements

    private FastStatement statement(Node n) throws Rejected {
        // Ruby reports an exception at the line JRuby's compiler last recorded, which for calls
        // spread over several lines depends on how they are compiled: only statements whose
        // calls are all on one line are taken, for which it is the statement's line.
        Class<?> type = n.getClass();
        if (type != OpElementAsgnNode.class
                && type != AttrAssignNode.class
                && type != CallNode.class
                && type != OperatorCallNode.class) {
            throw new Rejected(n, n.getNodeType() + " is outside the subset");
        }
        callsOnOneLine(n, n.getLine());
        int line = n.getLine() + 1;
        if (n.getClass() == OpElementAsgnNode.class) {
            OpElementAsgnNode op = (OpElementAsgnNode) n;
            if (!isVar(op.getReceiverNode(), "map") || op.getBlockNode() != null) {
                throw new Rejected(n, "an op-assignment other than on map['key']");
            }
            FastKey key = key(singleArg(op.getArgsNode(), n));
            FastExpr value = value(op.getValueNode(), false);
            if (op.isOr()) {
                return new FastStatement.OrAssign(line, key, value);
            }
            if (!op.isAnd() && "+".equals(op.getOperatorName())) {
                return new FastStatement.AddAssign(line, key, value);
            }
            throw new Rejected(n, "operator " + op.getOperatorName() + "= is outside the subset");
        }
        if (n.getClass() == AttrAssignNode.class) {
            AttrAssignNode a = (AttrAssignNode) n;
            if (a.isLazy()
                    || !"[]=".equals(a.getName().idString())
                    || !(a.getArgsNode() instanceof ArrayNode args)
                    || args.getClass() != ArrayNode.class
                    || args.size() != 2) {
                throw new Rejected(n, "an assignment other than map['key'] = or event['ref'] =");
            }
            if (isVar(a.getReceiverNode(), "map")) {
                return new FastStatement.Assign(line, key(args.get(0)), value(args.get(1), false));
            }
            if (isVar(a.getReceiverNode(), "event")) {
                return new FastStatement.EventSet(
                        line, fieldRef(args.get(0)), value(args.get(1), true));
            }
            throw new Rejected(n, "an assignment other than map['key'] = or event['ref'] =");
        }
        if (n.getClass() == CallNode.class || n.getClass() == OperatorCallNode.class) {
            CallNode call = (CallNode) n;
            if (call.isLazy() || call.getIterNode() != null) {
                throw new Rejected(n, "a call with a block or &.");
            }
            String name = call.getName().idString();
            Node receiver = call.getReceiverNode();
            if ("<<".equals(name) && isMapRead(receiver)) {
                return new FastStatement.Append(
                        line, mapKey(receiver), value(singleArg(call.getArgsNode(), n), false));
            }
            if (isVar(receiver, "event")) {
                switch (name) {
                    case "set":
                        {
                            ListNode args = args(call.getArgsNode(), 2, n);
                            return new FastStatement.EventSet(
                                    line, fieldRef(args.get(0)), value(args.get(1), true));
                        }
                    case "cancel":
                        if (call.getArgsNode() == null) {
                            return new FastStatement.EventCancel(line);
                        }
                        break;
                    case "tag":
                        return new FastStatement.EventTag(
                                line, string(singleArg(call.getArgsNode(), n)));
                    case "remove":
                        return new FastStatement.EventRemove(
                                line, fieldRef(singleArg(call.getArgsNode(), n)));
                    default:
                        break;
                }
            }
            throw new Rejected(n, "call of " + name + " is outside the subset");
        }
        throw new Rejected(n, n.getNodeType() + " is outside the subset");
    }

    private static void callsOnOneLine(Node n, int line) throws Rejected {
        // literals and arrays compile to no call (and JRuby's parser misplaces some, [] in
        // particular), so their lines do not matter
        boolean call =
                n instanceof CallNode
                        || n instanceof AttrAssignNode
                        || n instanceof OpElementAsgnNode;
        if (call && n.getLine() != line) {
            throw new Rejected(n, "a statement whose calls are spread over several lines");
        }
        for (Node child : n.childNodes()) {
            if (child != null) {
                callsOnOneLine(child, line);
            }
        }
    }

    // ------------------------------------------------------------------ values

    private FastExpr value(Node n, boolean mapReadAllowed) throws Rejected {
        Class<?> c = n.getClass();
        if (c == StrNode.class) {
            return FastExpr.Literal.string(literal((StrNode) n));
        }
        if (c == FixnumNode.class) {
            return FastExpr.Literal.of(((FixnumNode) n).getValue());
        }
        if (c == FloatNode.class) {
            return FastExpr.Literal.of(((FloatNode) n).getValue());
        }
        if (c == NilNode.class) {
            return FastExpr.Literal.of(null);
        }
        if (c == TrueNode.class) {
            return FastExpr.Literal.of(Boolean.TRUE);
        }
        if (c == FalseNode.class) {
            return FastExpr.Literal.of(Boolean.FALSE);
        }
        if (c == ZArrayNode.class) {
            return new FastExpr.ArrayLiteral(List.of());
        }
        if (c == ArrayNode.class) {
            ArrayNode array = (ArrayNode) n;
            List<FastExpr> elements = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                elements.add(value(array.get(i), false));
            }
            return new FastExpr.ArrayLiteral(elements);
        }
        if (c == CallNode.class) {
            CallNode call = (CallNode) n;
            String name = call.getName().idString();
            if (!call.isLazy() && call.getIterNode() == null) {
                if (isVar(call.getReceiverNode(), "event")
                        && ("get".equals(name) || "[]".equals(name))) {
                    return new FastExpr.EventGet(fieldRef(singleArg(call.getArgsNode(), n)));
                }
                if (mapReadAllowed && isMapRead(n)) {
                    return new FastExpr.MapRead(mapKey(n));
                }
            }
            if (isMapRead(n)) {
                throw new Rejected(n, "map['key'] read other than as the value of event.set");
            }
            throw new Rejected(n, "call of " + name + " is outside the subset");
        }
        throw new Rejected(n, n.getNodeType() + " is outside the subset");
    }

    private static boolean isVar(Node n, String name) {
        return n != null
                && n.getClass() == DVarNode.class
                && ((DVarNode) n).getDepth() == 0
                && name.equals(((DVarNode) n).getName().idString());
    }

    /** {@code map['k']}. */
    private static boolean isMapRead(Node n) {
        return n != null
                && n.getClass() == CallNode.class
                && "[]".equals(((CallNode) n).getName().idString())
                && !((CallNode) n).isLazy()
                && ((CallNode) n).getIterNode() == null
                && isVar(((CallNode) n).getReceiverNode(), "map");
    }

    private FastKey mapKey(Node mapRead) throws Rejected {
        return key(singleArg(((CallNode) mapRead).getArgsNode(), mapRead));
    }

    private static ListNode args(Node args, int count, Node at) throws Rejected {
        if (args == null
                || args.getClass() != ArrayNode.class
                || ((ListNode) args).size() != count) {
            throw new Rejected(at, "arguments other than " + count + " plain values");
        }
        return (ListNode) args;
    }

    private static Node singleArg(Node args, Node at) throws Rejected {
        return args(args, 1, at).get(0);
    }

    private FastKey key(Node n) throws Rejected {
        return keys.computeIfAbsent(string(n), FastKey::new);
    }

    private static FieldRef fieldRef(Node n) throws Rejected {
        String text = string(n);
        try {
            return FieldRef.parse(text);
        } catch (RuntimeException e) {
            throw new Rejected(n, "not a valid field reference: " + text);
        }
    }

    private static String string(Node n) throws Rejected {
        ByteList bytes = literal(n);
        return new String(
                bytes.unsafeBytes(), bytes.begin(), bytes.realSize(), StandardCharsets.US_ASCII);
    }

    /** The bytes of a plain string literal: not frozen, ASCII only (escapes included). */
    private static ByteList literal(Node n) throws Rejected {
        if (n.getClass() != StrNode.class) {
            throw new Rejected(n, "a string literal is needed here");
        }
        StrNode s = (StrNode) n;
        if (s.isFrozen()) {
            throw new Rejected(n, "a frozen string literal");
        }
        ByteList bytes = s.getValue();
        for (int i = 0; i < bytes.realSize(); i++) {
            if ((bytes.get(i) & 0x80) != 0) {
                throw new Rejected(n, "a string literal that is not ASCII");
            }
        }
        return bytes;
    }
}
