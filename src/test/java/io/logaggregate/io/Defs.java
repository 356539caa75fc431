package io.logaggregate.io;

import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds plugin blocks for tests, as the parser would: {@code def("input", "file", "path", "/x")}.
 */
public final class Defs {
    public static final SourceLocation LOC = new SourceLocation("test.conf", 3, 5);

    private Defs() {}

    public static PluginDef def(String section, String name, Object... nameValues) {
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            settings.add(
                    new Setting(
                            (String) nameValues[i],
                            nameValues[i + 1],
                            false,
                            new SourceLocation("test.conf", 4 + i / 2, 9)));
        }
        return new PluginDef(section, name, settings, LOC);
    }

    public static PluginDef codec(String name, Object... nameValues) {
        return def("codec", name, nameValues);
    }
}
