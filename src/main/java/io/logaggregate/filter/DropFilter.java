package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Logstash's drop filter: cancels the event, or a random {@code percentage} of events. Like
 * Logstash it never applies the common options (a dropped event has no use for them).
 */
public final class DropFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("drop")
                    .number("percentage", 100, "drop this percentage of the events, at random");

    private final double percentage;

    private DropFilter(double percentage) {
        this.percentage = percentage;
    }

    public static DropFilter create(PluginSettings settings, FilterContext ctx) {
        return new DropFilter(settings.getDouble("percentage"));
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        if (percentage == 100 || ThreadLocalRandom.current().nextDouble() < percentage / 100.0) {
            event.cancel();
        }
    }
}
