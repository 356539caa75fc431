package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's clone filter: one copy of the event per entry of {@code clones}, each going on after
 * this filter behind the original. A copy gets the entry as its {@code type} (or, with {@code
 * ecs_compatibility} v1/v8, as a tag) and the common options; the original is left as it is.
 */
public final class CloneFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CloneFilter.class);

    static final PluginSpec SPEC =
            PluginSpec.filter("clone")
                    .option(
                            "clones",
                            PluginSpec.Kind.ARRAY,
                            null,
                            true,
                            "one copy per entry; the entry becomes its type (or a tag with ECS)")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "disabled: the copy's type is set; v1, v8: the copy is tagged",
                            "disabled",
                            "v1",
                            "v8");

    private final List<String> clones;
    private final boolean ecs;
    private final CommonOptions common;

    private CloneFilter(PluginSettings s) {
        this.clones = s.getList("clones");
        this.ecs = !"disabled".equals(s.getString("ecs_compatibility"));
        this.common = CommonOptions.from(s);
        if (clones.isEmpty()) {
            LOG.warn(
                    "clone filter at {}: the parameter 'clones' is empty, so no clones will be"
                            + " created.",
                    s.plugin().location());
        }
    }

    public static CloneFilter create(PluginSettings settings, FilterContext ctx) {
        return new CloneFilter(settings);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        for (String type : clones) {
            Event clone = event.copy();
            if (ecs) {
                // Logstash appends, even when the tag is there already
                clone.appendTag(type);
            } else {
                clone.set("type", type);
            }
            common.apply(clone);
            emit.accept(clone);
        }
    }
}
