package io.logaggregate.cli;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.job.PluginCatalog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * For {@code check}: every plugin block of a pipeline with each of its settings and the value in
 * force, marked {@code set} (written in the file) or {@code default}, aligned:
 *
 * <pre>
 *     input file (jobs/example1/pipeline.conf:5:3)
 *       path            set      ["jobs/example1/input.log"]
 *       mode            set      "read"
 *       start_position  default  "end"
 *       exclude         -
 * </pre>
 *
 * Settings without a value or default show {@code -}; accepted-and-ignored settings show only when
 * written, with why they are ignored; passwords are never printed.
 */
final class SettingsReport {
    private static final int MAX_VALUE = 72;

    private SettingsReport() {}

    /** One printed line: name, where its value comes from, the value, a note. */
    private record Line(String name, String source, String value, String note) {}

    static void print(PipelineConfig config, PrintStream out) {
        out.println("  settings (set: written in the file, default: the plugin's default):");
        for (PluginDef def : PluginCatalog.blocks(config)) {
            out.println("    " + def.section() + " " + def.name() + " (" + def.location() + ")");
            if (def.section().equals("filter") && def.name().equals("aggregate")) {
                out.println(
                        "      (the timeout options hold for every block of the task_id pattern:"
                                + " see its stage above)");
            }
            List<Line> lines = lines(def);
            int width = 0;
            for (Line l : lines) {
                width = Math.max(width, l.name().length());
            }
            for (Line l : lines) {
                String text =
                        String.format(
                                "      %-" + width + "s  %-7s  %s%s",
                                l.name(),
                                l.source(),
                                l.value(),
                                l.note());
                out.println(text.stripTrailing());
            }
        }
    }

    private static List<Line> lines(PluginDef def) {
        List<Line> out = new ArrayList<>();
        PluginSpec spec = PluginCatalog.find(def.section(), def.name());
        if (spec == null) {
            // a plugin registered without a declaration: what the file says, no more
            for (Setting s : def.settings()) {
                out.add(new Line(s.name(), "set", shorten(PluginCatalog.display(s.value())), ""));
            }
            return out;
        }
        PluginSettings settings = spec.read(def);
        for (PluginSettings.Value v : settings.inForce()) {
            PluginSpec.Option o = v.option();
            if (o.ignored() && !v.given()) {
                continue;
            }
            String source = v.given() ? "set" : v.value() != null ? "default" : "-";
            String value =
                    v.value() == null
                            ? ""
                            : o.kind() == PluginSpec.Kind.PASSWORD
                                    ? "<secret>"
                                    : shorten(text(settings, o, v));
            String note = o.ignored() ? "  (ignored: " + o.doc() + ")" : "";
            out.add(new Line(o.name(), source, value, note));
        }
        return out;
    }

    /** The value as the plugin reads it: {@code end_of_task => "true"} shows as {@code true}. */
    private static String text(PluginSettings s, PluginSpec.Option o, PluginSettings.Value v) {
        Object value = v.value();
        if (v.given()) {
            try {
                value =
                        switch (o.kind()) {
                            case BOOLEAN -> s.bool(o.name());
                            case NUMBER -> s.number(o.name());
                            case STRING, PATH -> s.string(o.name());
                            default -> value;
                        };
            } catch (RuntimeException notOfItsKind) {
                // some settings take more than one kind (e.g. ilm_enabled: true or "auto")
            }
        }
        if (o.kind() == PluginSpec.Kind.CODEC && value instanceof String codec) {
            return codec;
        }
        return PluginCatalog.display(value);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
    }
}
