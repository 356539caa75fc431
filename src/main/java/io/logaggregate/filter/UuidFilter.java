package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Logstash's uuid filter: sets {@code target} to a random (version 4) UUID, unless the field
 * already holds a value and {@code overwrite} is false. It always "matches", so the common options
 * always apply.
 */
public final class UuidFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("uuid")
                    .requiredString("target", "the field that receives the UUID")
                    .bool("overwrite", false, "replace a value the field already has");

    private final String target;
    private final boolean overwrite;
    private final CommonOptions common;

    private UuidFilter(PluginSettings s) {
        this.target = s.getString("target");
        this.overwrite = s.getBool("overwrite");
        this.common = CommonOptions.from(s);
        FilterFields.check(s, "target", target);
    }

    public static UuidFilter create(PluginSettings settings, FilterContext ctx) {
        return new UuidFilter(settings);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        FieldRef ref = FieldRef.parse(target);
        if (overwrite || event.get(ref) == null) {
            event.set(ref, UUID.randomUUID().toString());
        }
        common.apply(event);
    }
}
