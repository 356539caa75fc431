package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.ast.PluginDef;
import java.util.Set;

/**
 * Builds the stateless filters from their plugin blocks, on the client. Settings are checked here
 * (unknown names, wrong kinds, bad patterns), so a pipeline that starts has no config errors left;
 * files the filters need (grok pattern files) are read here too.
 */
public final class FilterRegistry {
    private FilterRegistry() {}

    /** The filter plugin names this registry builds. */
    public static final Set<String> NAMES =
            Set.of(
                    "grok",
                    "date",
                    "mutate",
                    "drop",
                    "ruby",
                    // filters-b: issue 11
                    "uuid",
                    "urldecode",
                    "truncate",
                    "prune");

    public static boolean knows(String name) {
        return NAMES.contains(name);
    }

    public static Filter create(PluginDef def, FilterContext ctx) {
        return switch (def.name()) {
            case "grok" -> GrokFilter.create(new PluginSettings(def, GrokFilter.SETTINGS), ctx);
            case "date" -> DateFilter.create(new PluginSettings(def, DateFilter.SETTINGS), ctx);
            case "mutate" ->
                    MutateFilter.create(new PluginSettings(def, MutateFilter.SETTINGS), ctx);
            case "drop" -> DropFilter.create(DropFilter.SPEC.read(def), ctx);
            case "ruby" -> RubyFilter.create(new PluginSettings(def, RubyFilter.SETTINGS), ctx);
            // filters-b: issue 11
            case "uuid" -> UuidFilter.create(UuidFilter.SPEC.read(def), ctx);
            case "urldecode" -> UrldecodeFilter.create(UrldecodeFilter.SPEC.read(def), ctx);
            case "truncate" -> TruncateFilter.create(TruncateFilter.SPEC.read(def), ctx);
            case "prune" -> PruneFilter.create(PruneFilter.SPEC.read(def), ctx);
            default ->
                    throw new ConfigException(
                            "Couldn't find any filter plugin named '"
                                    + def.name()
                                    + "'. Are you sure this is correct?",
                            def.location());
        };
    }
}
