package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * Logstash's useragent filter: parses a browser's User-Agent string with ua-parser (uap-java and
 * the regexes.yaml it ships, or the file named by {@code regexes}) into the fields Logstash writes.
 *
 * <p>Legacy layout ({@code ecs_compatibility => disabled}, the default): {@code name}, {@code
 * device}, {@code major}, {@code minor}, {@code patch}, {@code version}, {@code os}, {@code
 * os_name}, {@code os_full}, {@code os_version}, {@code os_major}, {@code os_minor}, {@code
 * os_patch} under {@code target} (top level when unset), each name with {@code prefix}. ECS layout:
 * {@code [user_agent]} by default, with {@code name}, {@code version}, {@code [device][name]},
 * {@code [os][name]}, {@code [os][version]}, {@code [os][full]}, and the version parts under {@code
 * [@metadata][filter][user_agent]}; {@code prefix} does not apply there.
 *
 * <p>An empty or missing source does nothing; an array is read by its first element; a target equal
 * to the source replaces it. The parser is built per parallel instance at its first event (loading
 * the regexes takes a moment).
 */
public final class UserAgentFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UserAgentFilter.class);

    static final PluginSpec SPEC =
            PluginSpec.filter("useragent")
                    .requiredString("source", "the field holding the User-Agent string")
                    .string(
                            "target",
                            null,
                            "where the fields go (top level; [user_agent] with ECS)")
                    .path("regexes", null, "a regexes.yaml to use instead of the built-in one")
                    .string("prefix", "", "prefix of the field names (legacy layout only)")
                    .number("lru_cache_size", 100_000, "how many parsed User-Agents are cached")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "field layout: legacy (disabled) or ECS (v1, v8)",
                            "disabled",
                            "v1",
                            "v8");

    private final String source;
    private final String rawTarget;
    private final boolean ecs;
    private final String regexes;
    private final int cacheSize;

    // field references, as the plugin builds them
    private final String nameField;
    private final String deviceField;
    private final String versionField;
    private final String majorField;
    private final String minorField;
    private final String patchField;
    private final String osFullField;
    private final String osNameField;
    private final String legacyOsField;
    private final String osVersionField;
    private final String osMajorField;
    private final String osMinorField;
    private final String osPatchField;
    private final CommonOptions common;

    private transient Parser parser;

    private UserAgentFilter(PluginSettings s, FilterContext ctx) {
        source = s.getString("source");
        FilterFields.check(s, "source", source);
        rawTarget = s.getString("target");
        ecs = !s.getString("ecs_compatibility").equals("disabled");
        String prefix = s.getString("prefix");
        if (ecs && !prefix.isEmpty()) {
            LOG.warn(
                    "useragent: field prefix isn't supported in ECS compatibility mode, please"
                            + " remove `prefix => \"{}\"`",
                    prefix);
        }
        String target = rawTarget != null ? rawTarget : ecs ? "[user_agent]" : "";
        if (!target.isEmpty()) {
            FilterFields.check(s, "target", target);
            target = bracketed(target);
        }
        String p = ecs ? "" : prefix;
        String meta = "[@metadata][filter][user_agent]";
        nameField = target + "[" + p + "name]";
        deviceField = target + (ecs ? "[device][name]" : "[" + p + "device]");
        versionField = target + (ecs ? "[version]" : "[" + p + "version]");
        majorField = ecs ? meta + "[version][major]" : target + "[" + p + "major]";
        minorField = ecs ? meta + "[version][minor]" : target + "[" + p + "minor]";
        patchField = ecs ? meta + "[version][patch]" : target + "[" + p + "patch]";
        osFullField = target + (ecs ? "[os][full]" : "[" + p + "os_full]");
        osNameField = target + (ecs ? "[os][name]" : "[" + p + "os_name]");
        legacyOsField = ecs ? null : target + "[" + p + "os]";
        osVersionField = target + (ecs ? "[os][version]" : "[" + p + "os_version]");
        osMajorField = ecs ? meta + "[os][version][major]" : target + "[" + p + "os_major]";
        osMinorField = ecs ? meta + "[os][version][minor]" : target + "[" + p + "os_minor]";
        osPatchField = ecs ? meta + "[os][version][patch]" : target + "[" + p + "os_patch]";
        for (String f : List.of(nameField, deviceField, osFullField, osVersionField)) {
            FilterFields.check(s, "prefix", f);
        }
        String path = s.getString("regexes");
        if (path != null) {
            Path file = ctx.resolve(path).toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw s.invalid("regexes", "File does not exist or cannot be opened " + file);
            }
            regexes = file.toString();
            try (InputStream in = Files.newInputStream(file)) {
                new Parser(in); // a broken file fails at start
            } catch (IOException | RuntimeException e) {
                throw s.error(
                        "regexes",
                        "useragent: cannot load regexes " + file + ": " + e.getMessage());
            }
        } else {
            regexes = null;
        }
        long size = s.getLong("lru_cache_size");
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw s.invalid("lru_cache_size", "must be a positive number");
        }
        cacheSize = (int) size;
        common = CommonOptions.from(s);
    }

    public static UserAgentFilter create(PluginSettings settings, FilterContext ctx) {
        return new UserAgentFilter(settings, ctx);
    }

    /** The plugin wraps a target that is not one bracketed name; nested names keep their path. */
    private static String bracketed(String target) {
        StringBuilder sb = new StringBuilder();
        for (String part : FieldRef.parse(target).path()) {
            sb.append('[').append(part).append(']');
        }
        return FieldRef.parse(target).isMetadata() ? "[@metadata]" + sb : sb.toString();
    }

    /** Logstash's build patches this greedy Mac OS X rule (it read 18E226's digits). */
    private static final String GREEDY_MAC_OS_X =
            "- regex: 'Mac OS X\\s.{1,50}\\s(\\d+).(\\d+).(\\d+)'";

    private static final String LAZY_MAC_OS_X =
            "- regex: 'Mac OS X\\s.{1,50}?\\s(\\d+).(\\d+).(\\d+)'";

    /** The regexes.yaml uap-java ships, with Logstash's one fix applied. */
    static InputStream builtInRegexes() throws IOException {
        try (InputStream in = Parser.class.getResourceAsStream("/ua_parser/regexes.yaml")) {
            if (in == null) {
                throw new IOException("uap-java's regexes.yaml is missing from the class path");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ByteArrayInputStream(
                    yaml.replace(GREEDY_MAC_OS_X, LAZY_MAC_OS_X).getBytes(StandardCharsets.UTF_8));
        }
    }

    private Parser parser() throws IOException {
        if (parser == null) {
            if (regexes == null) {
                parser = new CachingParser(builtInRegexes(), cacheSize);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(regexes))) {
                    parser = new CachingParser(in, cacheSize);
                }
            }
        }
        return parser;
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        Object v = event.get(FieldRef.parse(source));
        if (v instanceof List<?> l) {
            v = l.isEmpty() ? null : l.get(0);
        }
        if (v == null) {
            return;
        }
        String ua = LogstashValues.rubyToS(v);
        if (ua.isEmpty()) {
            return;
        }
        Client c;
        try {
            c = parser().parse(ua);
        } catch (IOException | RuntimeException e) {
            LOG.error("useragent: Unknown error while parsing user agent data: {}", e.toString());
            return;
        }
        if (c == null) {
            return;
        }
        try {
            if (source.equals(rawTarget)) {
                event.remove(FieldRef.parse(source));
            }
            setFields(event, ua, c);
        } catch (IllegalArgumentException e) {
            LOG.debug("useragent: {}", e.getMessage());
            return;
        }
        common.apply(event);
    }

    private static void set(Event e, String field, String value) {
        if (field != null && value != null) {
            e.set(FieldRef.parse(field), value);
        }
    }

    private void setFields(Event event, String ua, Client c) {
        UserAgent agent = c.userAgent;
        set(event, nameField, agent.family);
        if (c.device != null) {
            set(event, deviceField, c.device.family);
        }
        set(event, majorField, agent.major);
        set(event, minorField, agent.minor);
        set(event, patchField, agent.patch);
        set(event, versionField, version(ua, agent));
        OS os = c.os;
        if (os != null) {
            set(event, osMajorField, os.major);
            set(event, osMinorField, os.minor);
            set(event, osPatchField, os.patch);
            String osVersion = osVersion(os);
            set(event, osVersionField, osVersion);
            if (os.family != null) {
                set(event, osNameField, os.family);
                set(event, legacyOsField, os.family);
                set(
                        event,
                        osFullField,
                        osVersion == null ? os.family : os.family + " " + osVersion);
            }
        }
    }

    /**
     * major[.minor[.patch[.patch_minor]]]. uap-java keeps no fourth browser version part, so it is
     * read from the User-Agent right after the version found, as Logstash does when its parser has
     * none; a version at the very end of the text counts too (Logstash's parser captures it).
     */
    static String version(String ua, UserAgent agent) {
        if (agent.major == null) {
            return null;
        }
        StringBuilder v = new StringBuilder(agent.major);
        if (agent.minor != null) {
            v.append('.').append(agent.minor);
            if (agent.patch != null) {
                v.append('.').append(agent.patch);
                String version = v.toString();
                int i = ua.indexOf(version);
                if (i >= 0) {
                    i += version.length();
                    if (i < ua.length() && ua.charAt(i) == '.') {
                        int end = ua.indexOf(' ', i + 1);
                        String patchMinor = ua.substring(i + 1, end < 0 ? ua.length() : end);
                        if (patchMinor.matches("0|[1-9]\\d{0,17}")) {
                            v.append('.').append(patchMinor);
                        }
                    }
                }
            }
        }
        return v.toString();
    }

    /** Logstash's build_os_version: a word major ("Vista") is followed by a space, not a dot. */
    static String osVersion(OS os) {
        if (os.major == null) {
            return null;
        }
        StringBuilder v = new StringBuilder(os.major);
        String sep = os.major.matches("0|-?[1-9]\\d*") ? "." : " ";
        if (os.minor != null) {
            v.append(sep).append(os.minor);
            if (os.patch != null) {
                v.append('.').append(os.patch);
                if (os.patchMinor != null) {
                    v.append('.').append(os.patchMinor);
                }
            }
        }
        return v.toString();
    }
}
