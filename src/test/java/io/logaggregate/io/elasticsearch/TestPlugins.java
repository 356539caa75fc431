package io.logaggregate.io.elasticsearch;

import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code output { elasticsearch { ... } }} blocks as the parser would. */
final class TestPlugins {
    private TestPlugins() {}

    /** {@code name, value, name, value, ...}; setting i is at line i+2 of test.conf. */
    static PluginDef elasticsearch(Object... nameValues) {
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            settings.add(
                    new Setting(
                            (String) nameValues[i],
                            nameValues[i + 1],
                            false,
                            new SourceLocation("test.conf", i / 2 + 2, 5)));
        }
        return new PluginDef(
                "output", "elasticsearch", settings, new SourceLocation("test.conf", 1, 10));
    }
}
