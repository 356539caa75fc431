package io.logaggregate.io.codec;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.ast.PluginDef;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

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

    private Codecs() {}

    /** The decoder for an input's {@code codec} setting. */
    public static Decoder decoder(PluginDef codec) {
        switch (codec.name()) {
            case "plain" -> {
                PluginSettings s = new PluginSettings(codec, Set.of("charset", "format"));
                return new PlainDecoder(charset(s));
            }
            case "line" -> {
                PluginSettings s =
                        new PluginSettings(codec, Set.of("charset", "delimiter", "format"));
                return new PlainDecoder(charset(s));
            }
            case "json" -> {
                PluginSettings s = new PluginSettings(codec, Set.of("charset", "target"));
                return new JsonDecoder(charset(s), s.string("target"));
            }
            case "json_lines" -> {
                PluginSettings s =
                        new PluginSettings(codec, Set.of("charset", "delimiter", "target"));
                return new JsonDecoder(charset(s), s.string("target"));
            }
            default -> {
                if (ENCODERS.contains(codec.name())) {
                    throw new ConfigException(
                            "The " + codec.name() + " codec can only be used on outputs",
                            codec.location());
                }
                throw unknown(codec);
            }
        }
    }

    /** The encoder for an output's {@code codec} setting. */
    public static Encoder encoder(PluginDef codec) {
        switch (codec.name()) {
            case "plain" -> {
                PluginSettings s = new PluginSettings(codec, Set.of("charset", "format"));
                return new PlainEncoder(s.string("format"), "", charset(s));
            }
            case "line" -> {
                PluginSettings s =
                        new PluginSettings(codec, Set.of("charset", "delimiter", "format"));
                return new PlainEncoder(
                        s.string("format"), s.string("delimiter", "\n"), charset(s));
            }
            case "json" -> {
                PluginSettings s = new PluginSettings(codec, Set.of("charset"));
                return new JsonEncoder(charset(s));
            }
            case "json_lines" -> {
                PluginSettings s = new PluginSettings(codec, Set.of("charset", "delimiter"));
                return new JsonLinesEncoder(s.string("delimiter", "\n"), charset(s));
            }
            case "rubydebug" -> {
                PluginSettings s = new PluginSettings(codec, Set.of("metadata"));
                return new RubydebugEncoder(s.bool("metadata", false));
            }
            default -> throw unknown(codec);
        }
    }

    private static ConfigException unknown(PluginDef codec) {
        return new ConfigException(
                "Couldn't find any codec plugin named '"
                        + codec.name()
                        + "'. Are you sure this is correct?",
                codec.location());
    }

    private static String charset(PluginSettings s) {
        String name = s.string("charset", "UTF-8");
        try {
            return Charset.forName(name).name();
        } catch (IllegalArgumentException e) {
            throw s.invalid("charset", "Unknown charset");
        }
    }
}
