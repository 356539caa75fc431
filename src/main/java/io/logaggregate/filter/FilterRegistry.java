package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the stateless filters from their plugin blocks, on the client. Settings are checked here
 * against each filter's declaration (unknown names, wrong kinds, bad patterns), so a pipeline that
 * starts has no config errors left; files the filters need (grok pattern files) are read here too.
 *
 * <p>A new filter is one line in {@link #PLUGINS}: its {@link PluginSpec} and its factory.
 */
public final class FilterRegistry {
    private FilterRegistry() {}

    /** Builds a filter from its block, read against its declaration. */
    @FunctionalInterface
    public interface Factory {
        Filter create(PluginSettings settings, FilterContext ctx);
    }

    private record Plugin(PluginSpec spec, Factory factory) {}

    /** The filters this registry builds, by name, in the order the documentation lists them. */
    private static final Map<String, Plugin> PLUGINS =
            index(
                    new Plugin(GrokFilter.SPEC, GrokFilter::create),
                    new Plugin(DateFilter.SPEC, DateFilter::create),
                    new Plugin(MutateFilter.SPEC, MutateFilter::create),
                    new Plugin(DropFilter.SPEC, DropFilter::create),
                    new Plugin(RubyFilter.SPEC, RubyFilter::create),
                    // issue 11 (filters-a)
                    new Plugin(KvFilter.SPEC, KvFilter::create),
                    new Plugin(DissectFilter.SPEC, DissectFilter::create),
                    new Plugin(JsonFilter.SPEC, JsonFilter::create),
                    new Plugin(CsvFilter.SPEC, CsvFilter::create),
                    new Plugin(CloneFilter.SPEC, CloneFilter::create),
                    new Plugin(SplitFilter.SPEC, SplitFilter::create),
                    new Plugin(SyslogPriFilter.SPEC, SyslogPriFilter::create),
                    // issue 11 (filters-b)
                    new Plugin(UuidFilter.SPEC, UuidFilter::create),
                    new Plugin(UrldecodeFilter.SPEC, UrldecodeFilter::create),
                    new Plugin(TruncateFilter.SPEC, TruncateFilter::create),
                    new Plugin(PruneFilter.SPEC, PruneFilter::create),
                    new Plugin(FingerprintFilter.SPEC, FingerprintFilter::create),
                    new Plugin(TranslateFilter.SPEC, TranslateFilter::create),
                    new Plugin(UserAgentFilter.SPEC, UserAgentFilter::create));

    /** The filter plugin names this registry builds. */
    public static final Set<String> NAMES = Collections.unmodifiableSet(PLUGINS.keySet());

    private static Map<String, Plugin> index(Plugin... plugins) {
        Map<String, Plugin> out = new LinkedHashMap<>();
        for (Plugin p : plugins) {
            if (out.put(p.spec().name(), p) != null) {
                throw new IllegalStateException("filter " + p.spec().name() + " listed twice");
            }
        }
        return out;
    }

    public static boolean knows(String name) {
        return NAMES.contains(name);
    }

    /** The declarations of the filters built here (the aggregate filter's is in its package). */
    public static List<PluginSpec> specs() {
        return PLUGINS.values().stream().map(Plugin::spec).toList();
    }

    public static Filter create(PluginDef def, FilterContext ctx) {
        Plugin p = PLUGINS.get(def.name());
        if (p == null) {
            throw new ConfigException(
                    "Couldn't find any filter plugin named '"
                            + def.name()
                            + "'. Are you sure this is correct?",
                    def.location());
        }
        return p.factory().create(p.spec().read(def), ctx);
    }
}
