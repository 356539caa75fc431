package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.ruby.EventCode;
import io.logaggregate.ruby.RubyCodeException;
import io.logaggregate.ruby.RubyCompileException;
import io.logaggregate.ruby.RubyEngine;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's ruby filter, inline form: {@code code} runs per event with {@code event} (the same
 * embedded JRuby and Event API as the aggregate's code). A Ruby exception tags the event with
 * {@code tag_on_exception} ({@code _rubyexception}) and the event goes on; otherwise the common
 * options apply. The code is syntax-checked on the client and compiled once per parallel instance.
 */
public final class RubyFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RubyFilter.class);

    static final PluginSpec SPEC =
            PluginSpec.filter("ruby")
                    .requiredString("code", "Ruby run for each event, given as event")
                    .array(
                            "tag_on_exception",
                            List.of("_rubyexception"),
                            "tags when the code raises an exception");

    private final String code;
    private final String where;
    private final List<String> tagOnException;
    private final CommonOptions common;
    private transient EventCode compiled;

    private RubyFilter(PluginSettings s) {
        this.code = s.getString("code");
        this.where = s.plugin().location().toString();
        this.tagOnException = s.getList("tag_on_exception");
        this.common = CommonOptions.from(s);
        try {
            RubyEngine.get().compileEventCode(code, where);
        } catch (RubyCompileException e) {
            throw s.error("code", "Ruby filter: code is not valid Ruby: " + e.getMessage());
        }
    }

    public static RubyFilter create(PluginSettings settings, FilterContext ctx) {
        return new RubyFilter(settings);
    }

    @Override
    public void open() throws Exception {
        compiled = RubyEngine.get().compileEventCode(code, where);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        try {
            compiled.call(event);
        } catch (RubyCodeException e) {
            LOG.error("Ruby exception occurred: {} (code at {})", e.getMessage(), where);
            for (String tag : tagOnException) {
                event.tag(tag);
            }
            return;
        }
        common.apply(event);
    }
}
