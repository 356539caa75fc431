package io.logaggregate.io.codec;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs inputs and outputs may name ({@code codec => json} or {@code codec => json_lines {
 * delimiter => "\n" }}), checked on the client with Logstash's wording.
 *
 * <p>Line-oriented inputs split their bytes into lines themselves, so {@code line} decodes like
 * {@code plain} and {@code json_lines} like {@code json} (the Logstash file input swaps these
 * codecs the same way).
 */
public final class Codecs {
    public static final List<String> DECODERS = List.of("plain", "line", "json", "json_lines");
    public static final List<String> ENCODERS =
            List.of("plain", "line", "json", "json_lines", "rubydebug");

    private static final String CHARSET = "the text's character set";

    /** Each codec's settings, as Logstash declares them (some apply in one direction only). */
    private static final Map<String, PluginSpec> SPECS =
            index(
                    PluginSpec.codec("plain")
                            .string("charset", "UTF-8", CHARSET)
                            .string("format", null, "outputs: a %{} template; default the message"),
                    PluginSpec.codec("line")
                            .string("charset", "UTF-8", CHARSET)
                            .string("delimiter", "\n", "outputs: written after each event")
                            .string("format", null, "outputs: a %{} template; default the message"),
                    PluginSpec.codec("json")
                            .string("charset", "UTF-8", CHARSET)
                            .string(
                                    "target",
                                    null,
                                    "inputs: the field to put the parsed object in"),
                    PluginSpec.codec("json_lines")
                            .string("charset", "UTF-8", CHARSET)
                            .string("delimiter", "\n", "outputs: written after each event")
                            .string(
                                    "target",
                                    null,
                                    "inputs: the field to put the parsed object in"),
                    PluginSpec.codec("rubydebug").bool("metadata", false, "also print @metadata"));

    private Codecs() {}

    private static Map<String, PluginSpec> index(PluginSpec... specs) {
        Map<String, PluginSpec> out = new LinkedHashMap<>();
        for (PluginSpec s : specs) {
            out.put(s.name(), s);
        }
        return out;
    }

    /** The declarations of the codecs. */
    public static List<PluginSpec> specs() {
        return List.copyOf(SPECS.values());
    }

    /** The decoder for an input's {@code codec} setting. */
    public static Decoder decoder(PluginDef codec) {
        if (!DECODERS.contains(codec.name())) {
            if (ENCODERS.contains(codec.name())) {
                throw new ConfigException(
                        "The " + codec.name() + " codec can only be used on outputs",
                        codec.location());
            }
            throw unknown(codec);
        }
        PluginSettings s = SPECS.get(codec.name()).read(codec);
        return switch (codec.name()) {
            case "json", "json_lines" -> new JsonDecoder(charset(s), s.getString("target"));
            default -> new PlainDecoder(charset(s)); // lines are split by the input
        };
    }

    /** The encoder for an output's {@code codec} setting. */
    public static Encoder encoder(PluginDef codec) {
        if (!ENCODERS.contains(codec.name())) {
            throw unknown(codec);
        }
        PluginSettings s = SPECS.get(codec.name()).read(codec);
        return switch (codec.name()) {
            case "plain" -> new PlainEncoder(s.getString("format"), "", charset(s));
            case "line" ->
                    new PlainEncoder(s.getString("format"), s.getString("delimiter"), charset(s));
            case "json" -> new JsonEncoder(charset(s));
            case "json_lines" -> new JsonLinesEncoder(s.getString("delimiter"), charset(s));
            default -> new RubydebugEncoder(s.getBool("metadata"));
        };
    }

    private static ConfigException unknown(PluginDef codec) {
        return new ConfigException(
                "Couldn't find any codec plugin named '"
                        + codec.name()
                        + "'. Are you sure this is correct?",
                codec.location());
    }

    private static String charset(PluginSettings s) {
        String name = s.getString("charset");
        try {
            return Charset.forName(name).name();
        } catch (IllegalArgumentException e) {
            throw s.invalid("charset", "Unknown charset");
        }
    }
}
