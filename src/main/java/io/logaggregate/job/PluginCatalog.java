package io.logaggregate.job;

import io.logaggregate.aggregate.AggregateBlock;
import io.logaggregate.config.ConfigPrinter;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Statement;
import io.logaggregate.filter.FilterRegistry;
import io.logaggregate.io.Inputs;
import io.logaggregate.io.Outputs;
import io.logaggregate.io.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every plugin this build knows, with its settings declaration ({@link PluginSpec}). The registries
 * live in the layers below (filters, the aggregate, inputs, outputs, codecs); this is the one place
 * above them that lists them all. {@code check} prints a pipeline's settings in force from it, and
 * the README's plugin tables are {@link #markdown() rendered} from it (a test keeps them equal).
 */
public final class PluginCatalog {
    private PluginCatalog() {}

    /** The filters: the aggregate first, then the stateless ones in their registry's order. */
    public static List<PluginSpec> filters() {
        List<PluginSpec> out = new ArrayList<>();
        out.add(AggregateBlock.SPEC);
        out.addAll(FilterRegistry.specs());
        return out;
    }

    public static List<PluginSpec> inputs() {
        return Inputs.specs();
    }

    public static List<PluginSpec> outputs() {
        return Outputs.specs();
    }

    public static List<PluginSpec> codecs() {
        return Codecs.specs();
    }

    /** Every declaration: filters, inputs, outputs, codecs. */
    public static List<PluginSpec> all() {
        List<PluginSpec> out = new ArrayList<>(filters());
        out.addAll(inputs());
        out.addAll(outputs());
        out.addAll(codecs());
        return out;
    }

    /** The declaration of a plugin ({@code "filter"}, {@code "grok"}), or null if it has none. */
    public static PluginSpec find(String section, String name) {
        List<PluginSpec> candidates =
                switch (section) {
                    case "filter" -> filters();
                    case "input" -> inputs();
                    case "output" -> outputs();
                    case "codec" -> codecs();
                    default -> List.of();
                };
        for (PluginSpec s : candidates) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** A pipeline's plugin blocks in file order: inputs, filters, outputs, inside ifs too. */
    public static List<PluginDef> blocks(PipelineConfig config) {
        List<PluginDef> out = new ArrayList<>(config.inputs());
        collect(config.filters(), out);
        collect(config.outputs(), out);
        return out;
    }

    private static void collect(List<Statement> statements, List<PluginDef> out) {
        for (Statement st : statements) {
            if (st instanceof PluginStatement ps) {
                out.add(ps.plugin());
            } else if (st instanceof IfStatement is) {
                for (IfStatement.Branch b : is.branches()) {
                    collect(b.body(), out);
                }
            }
        }
    }

    /** A value on one line, as the pipeline language writes it ({@code "\n"} escaped). */
    public static String display(Object value) {
        return ConfigPrinter.value(value)
                .replace("\r", "\\r")
                .replace("\n", "\\n")
                .replace("\t", "\\t");
    }

    /** The type of a setting as the documentation shows it, e.g. {@code string, required}. */
    public static String type(PluginSpec.Option o) {
        String kind = o.kind().name().toLowerCase(Locale.ROOT);
        return o.required() ? kind + ", required" : kind;
    }

    // ------------------------------------------------------------------ README tables

    /**
     * The README's "Plugins and settings" tables: the options common to a section, then one table
     * per plugin with every setting, its type (or allowed words), default and documentation.
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("#### Options of every filter, input and output\n\n");
        md.append("| setting | section | type | default | description |\n");
        md.append("|---|---|---|---|---|\n");
        for (String section : List.of("filter", "input", "output")) {
            for (PluginSpec.Option o : PluginSpec.common(section).options()) {
                md.append("| `")
                        .append(o.name())
                        .append("` | ")
                        .append(section)
                        .append(" | ")
                        .append(typeCell(o))
                        .append(" | ")
                        .append(defaultCell(o))
                        .append(" | ")
                        .append(docCell(o))
                        .append(" |\n");
            }
        }
        md.append(
                "\nA plugin that reads `codec` declares it below with its own default; the"
                        + " others ignore it.\n");
        for (PluginSpec spec : all()) {
            plugin(md, spec);
        }
        return md.toString();
    }

    private static void plugin(StringBuilder md, PluginSpec spec) {
        md.append("\n#### ").append(spec.name()).append(" (").append(spec.section());
        md.append(")\n\n");
        if (spec.options().isEmpty()) {
            md.append("No settings of its own.\n");
            return;
        }
        md.append("| setting | type | default | description |\n");
        md.append("|---|---|---|---|\n");
        for (PluginSpec.Option o : spec.options()) {
            md.append("| `")
                    .append(o.name())
                    .append("` | ")
                    .append(typeCell(o))
                    .append(" | ")
                    .append(defaultCell(o))
                    .append(" | ")
                    .append(docCell(o))
                    .append(" |\n");
        }
    }

    private static String typeCell(PluginSpec.Option o) {
        if (o.allowed().isEmpty()) {
            return o.required() ? type(o).replace("required", "**required**") : type(o);
        }
        List<String> words = new ArrayList<>();
        for (String w : o.allowed()) {
            words.add("`" + w + "`");
        }
        return String.join(", ", words);
    }

    private static String defaultCell(PluginSpec.Option o) {
        return o.dflt() == null ? "" : "`" + cell(display(o.dflt())) + "`";
    }

    /** Words such as setting names, {@code %{field}} or {@code [a][b]} become code. */
    private static final Pattern CODE =
            Pattern.compile(
                    "%\\{[^}\\s]*\\}|(?:\\[[^\\]\\s,]+\\])+|@\\w+|\\w+_\\w+|\\*\\*|\\\\n|\\*_\\w+");

    private static String docCell(PluginSpec.Option o) {
        String doc = o.ignored() ? "accepted and ignored: " + o.doc() : o.doc();
        Matcher m = CODE.matcher(doc);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(cell(doc.substring(last, m.start())));
            out.append('`').append(cell(m.group())).append('`');
            last = m.end();
        }
        out.append(cell(doc.substring(last)));
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
