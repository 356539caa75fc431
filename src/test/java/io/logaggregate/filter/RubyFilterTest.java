package io.logaggregate.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.SourceLocation;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RubyFilterTest {
    private static final SourceLocation AT = new SourceLocation("t.conf", 3, 3);

    private static Filter ruby(Object... kv) throws Exception {
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            settings.add(new Setting((String) kv[i], kv[i + 1], false, AT));
        }
        Filter f =
                FilterRegistry.create(
                        new PluginDef("filter", "ruby", settings, AT),
                        new FilterContext(Path.of(".")));
        f.open();
        return f;
    }

    @Test
    void runsCodeAndAppliesCommonOptions() throws Exception {
        Filter f =
                ruby(
                        "code",
                        "event.set('len', event.get('message').length)",
                        "add_tag",
                        List.of("measured"));
        Event e = new Event();
        e.set("message", "hello");
        f.filter(e, x -> {});
        assertThat(e.get("len")).isEqualTo(5L);
        assertThat(e.tags()).containsExactly("measured");
    }

    @Test
    void exceptionTagsTheEventAndSkipsCommonOptions() throws Exception {
        Filter f = ruby("code", "event.set('x', nil + 1)", "add_tag", List.of("measured"));
        Event e = new Event();
        f.filter(e, x -> {});
        assertThat(e.tags()).containsExactly("_rubyexception");
    }

    @Test
    void cancelDropsTheEvent() throws Exception {
        Event e = new Event();
        ruby("code", "event.cancel").filter(e, x -> {});
        assertThat(e.isCancelled()).isTrue();
    }

    @Test
    void syntaxErrorIsAConfigErrorAtTheBlock() {
        assertThatThrownBy(() -> ruby("code", "event.set('x', "))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid Ruby")
                .extracting(e -> ((ConfigException) e).location())
                .isEqualTo(AT);
    }
}
