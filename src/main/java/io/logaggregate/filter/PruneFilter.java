package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Logstash's prune filter: removes top-level fields by name ({@code whitelist_names}, {@code
 * blacklist_names}) and by value ({@code whitelist_values}, {@code blacklist_values}); for an array
 * value only the elements that fail are removed, the field when all of them do. Names and values
 * are Ruby regular expressions matched anywhere in the text (not anchored). With {@code
 * interpolate} they are {@code %{}}-interpolated per event first. The default blacklist removes
 * fields whose name still holds an unresolved {@code %{...}}. Only top-level fields are looked at,
 * {@code @metadata} never. A value that is no string (a number, a hash) is matched as its text (the
 * plugin would fail on it). The common options always apply.
 */
public final class PruneFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("prune")
                    .bool("interpolate", false, "interpolate %{} in names and values per event")
                    .array("whitelist_names", null, "keep only fields whose name matches one")
                    .array(
                            "blacklist_names",
                            List.of("%\\{[^}]+\\}"),
                            "remove fields whose name matches one")
                    .hash(
                            "whitelist_values",
                            "field => regex: remove the field (or array elements) unless it matches")
                    .hash(
                            "blacklist_values",
                            "field => regex: remove the field (or array elements) if it matches");

    private final boolean interpolate;
    private final List<String> whitelistNames;
    private final List<String> blacklistNames;
    private final LinkedHashMap<String, String> whitelistValues;
    private final LinkedHashMap<String, String> blacklistValues;
    private final CommonOptions common;

    /** Compiled at open() when not interpolated. */
    private transient Pattern whitelistNamesRe;

    private transient Pattern blacklistNamesRe;
    private transient Map<String, Pattern> whitelistValuesRe;
    private transient Map<String, Pattern> blacklistValuesRe;

    private PruneFilter(PluginSettings s) {
        interpolate = s.getBool("interpolate");
        whitelistNames = s.getList("whitelist_names");
        blacklistNames = s.getList("blacklist_names");
        whitelistValues = s.stringHash("whitelist_values");
        blacklistValues = s.stringHash("blacklist_values");
        common = CommonOptions.from(s);
        if (!interpolate) {
            // bad regexes are configuration errors, as at the plugin's register
            checkAll(s, "whitelist_names", whitelistNames);
            checkAll(s, "blacklist_names", blacklistNames);
            checkAll(s, "whitelist_values", new ArrayList<>(whitelistValues.values()));
            checkAll(s, "blacklist_values", new ArrayList<>(blacklistValues.values()));
        }
    }

    public static PruneFilter create(PluginSettings settings, FilterContext ctx) {
        return new PruneFilter(settings);
    }

    private static void checkAll(PluginSettings s, String name, List<String> regexes) {
        for (String r : regexes) {
            try {
                regex(r);
            } catch (PatternSyntaxException e) {
                throw s.error(
                        name,
                        "Invalid regular expression '"
                                + r
                                + "' in "
                                + name
                                + ": "
                                + e.getDescription());
            }
        }
    }

    @Override
    public void open() {
        if (!interpolate) {
            whitelistNamesRe = union(whitelistNames, null);
            blacklistNamesRe = union(blacklistNames, null);
            whitelistValuesRe = new LinkedHashMap<>();
            whitelistValues.forEach((k, v) -> whitelistValuesRe.put(k, regex(v)));
            blacklistValuesRe = new LinkedHashMap<>();
            blacklistValues.forEach((k, v) -> blacklistValuesRe.put(k, regex(v)));
        }
    }

    static Pattern regex(String ruby) {
        return RubyRegexes.compile(ruby);
    }

    private static Pattern union(List<String> regexes, Event event) {
        StringBuilder sb = new StringBuilder();
        for (String r : regexes) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            String text = event == null ? r : event.sprintf(r);
            sb.append("(?:").append(regex(text).pattern()).append(')');
        }
        return Pattern.compile(sb.toString(), RubyRegex.RUBY_FLAGS);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        Map<String, Object> hash = event.data();
        List<String> remove = new ArrayList<>();
        Map<String, List<Object>> removeElements = new LinkedHashMap<>();
        try {
            if (!whitelistNames.isEmpty()) {
                Pattern p = interpolate ? union(whitelistNames, event) : whitelistNamesRe;
                for (String field : hash.keySet()) {
                    if (!p.matcher(field).find()) {
                        remove.add(field);
                    }
                }
            }
            if (!blacklistNames.isEmpty()) {
                Pattern p = interpolate ? union(blacklistNames, event) : blacklistNamesRe;
                for (String field : hash.keySet()) {
                    if (p.matcher(field).find()) {
                        remove.add(field);
                    }
                }
            }
            byValue(event, hash, whitelistValues, whitelistValuesRe, true, remove, removeElements);
            byValue(event, hash, blacklistValues, blacklistValuesRe, false, remove, removeElements);
        } catch (PatternSyntaxException badInterpolatedRegex) {
            // an interpolated regex that does not compile prunes nothing
            return;
        }
        for (Map.Entry<String, List<Object>> e : removeElements.entrySet()) {
            Object v = hash.get(e.getKey());
            if (v instanceof List<?> l) {
                List<Object> kept = new ArrayList<>(l);
                kept.removeIf(e.getValue()::contains);
                hash.put(e.getKey(), kept);
            }
        }
        for (String field : remove) {
            hash.remove(field);
        }
        common.apply(event);
    }

    private void byValue(
            Event event,
            Map<String, Object> hash,
            Map<String, String> config,
            Map<String, Pattern> compiled,
            boolean keepMatching,
            List<String> remove,
            Map<String, List<Object>> removeElements) {
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            Pattern p;
            if (interpolate) {
                key = event.sprintf(key);
                p = regex(event.sprintf(e.getValue()));
            } else {
                p = compiled.get(key);
            }
            Object v = hash.get(key);
            if (v == null || Boolean.FALSE.equals(v)) { // Ruby's truthiness
                continue;
            }
            if (v instanceof List<?> l) {
                List<Object> failing = new ArrayList<>();
                for (Object o : l) {
                    if (p.matcher(Values.toText(o)).find() != keepMatching) {
                        failing.add(o);
                    }
                }
                if (!failing.isEmpty()) {
                    if (failing.size() == l.size()) {
                        remove.add(key);
                    } else {
                        removeElements.computeIfAbsent(key, k -> new ArrayList<>()).addAll(failing);
                    }
                }
            } else if (p.matcher(Values.toText(v)).find() != keepMatching) {
                remove.add(key);
            }
        }
    }
}
