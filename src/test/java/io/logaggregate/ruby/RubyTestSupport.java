package io.logaggregate.ruby;

/** Access for tests and benchmarks outside this package. */
public final class RubyTestSupport {
    private RubyTestSupport() {}

    /** An aggregate snippet compiled for the JRuby path only, even if fast code could run it. */
    public static AggregateCode jrubyOnly(String code, String where) throws RubyCompileException {
        return RubyEngine.get().compileAggregateCode(code, where, false);
    }
}
