package io.logaggregate.io;

import io.logaggregate.config.PluginSettings;

/** Operator names shown in the Flink UI and logs: {@code "output stdout"}, or with its id. */
public final class Names {
    private Names() {}

    public static String operatorName(PluginSettings s) {
        String id = s.string("id");
        String base = s.plugin().section() + " " + s.pluginName();
        return id == null ? base : base + " (" + id + ")";
    }
}
