package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ported from logstash-filter-useragent's useragent_spec.rb: every sample in the legacy layout and
 * the ECS one.
 */
@SuppressWarnings("unchecked")
class UserAgentFilterTest {
    private static Filter legacy;
    private static Filter ecs;

    @BeforeAll
    static void parsers() {
        // one parser each: loading the regexes is the slow part
        legacy = filter("useragent", "source", "message", "target", "ua");
        ecs = filter("useragent", "source", "message", "target", "ua", "ecs_compatibility", "v8");
    }

    private static Event legacy(String ua) {
        return run(legacy, event("message", ua));
    }

    private static Event ecs(String ua) {
        return run(ecs, event("message", ua));
    }

    private static final String CHROME_LINUX =
            "Mozilla/5.0 (X11; Linux i686) AppleWebKit/537.31 (KHTML, like Gecko)"
                    + " Chrome/26.0.1410.63 Safari/537.31";

    @Test
    void chromeOnLinux() {
        Event l = legacy(CHROME_LINUX);
        assertThat(l.get("[ua][name]")).isEqualTo("Chrome");
        assertThat(l.get("[ua][os_name]")).isEqualTo("Linux");
        assertThat(l.get("[ua][os_full]")).isEqualTo("Linux");
        assertThat(l.get("[ua][os]")).isEqualTo("Linux");
        assertThat(l.get("[ua][device]")).isEqualTo("Other");
        assertThat(l.get("[ua][major]")).isEqualTo("26");
        assertThat(l.get("[ua][minor]")).isEqualTo("0");

        Event e = ecs(CHROME_LINUX);
        assertThat(e.get("[ua][name]")).isEqualTo("Chrome");
        assertThat(e.get("[ua][os][name]")).isEqualTo("Linux");
        assertThat(e.get("[ua][os][full]")).isEqualTo("Linux");
        assertThat(e.get("[ua][device][name]")).isEqualTo("Other");
        assertThat(e.get("[@metadata][filter][user_agent][version]"))
                .isEqualTo(map("major", "26", "minor", "0", "patch", "1410"));
        assertThat(e.get("[ua][version]")).isEqualTo("26.0.1410.63");
        assertThat(((Map<String, Object>) e.get("ua")).keySet()).doesNotContain("major", "minor");
    }

    @Test
    void macOutlook() {
        String ua = "MacOutlook/16.24.0.190414 (Intelx64 Mac OS X Version 10.14.4 (Build 18E226))";
        Event e = ecs(ua);
        assertThat(e.get("[ua][name]")).isEqualTo("MacOutlook");
        assertThat(e.get("[ua][version]")).isEqualTo("16.24.0.190414");
        assertThat(e.get("[ua][os][full]")).isEqualTo("Mac OS X 10.14.4");
        assertThat(e.get("[ua][os][name]")).isEqualTo("Mac OS X");
        assertThat(e.get("[ua][os][version]")).isEqualTo("10.14.4");
        assertThat(e.get("[ua][device][name]")).isEqualTo("Mac");
        Event l = legacy(ua);
        assertThat(l.get("[ua][major]")).isEqualTo("16");
        assertThat(l.get("[ua][minor]")).isEqualTo("24");
        assertThat(l.get("[ua][patch]")).isEqualTo("0");
        assertThat(l.get("[ua][os_full]")).isEqualTo("Mac OS X 10.14.4");
        assertThat(l.get("[ua][os_name]")).isEqualTo("Mac OS X");
        assertThat(l.get("[ua][os_major]")).isEqualTo("10");
        assertThat(l.get("[ua][os_minor]")).isEqualTo("14");
        assertThat(l.get("[ua][device]")).isEqualTo("Mac");
        assertThat(l.get("[ua][os]")).isEqualTo("Mac OS X");
    }

    @Test
    void safari12OnMojave() {
        String ua =
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14) AppleWebKit/605.1.15 (KHTML, like"
                        + " Gecko) Version/12.0 Safari/605.1.15";
        Event e = ecs(ua);
        assertThat(e.get("[ua][name]")).isEqualTo("Safari");
        assertThat(e.get("[ua][version]")).isEqualTo("12.0");
        assertThat(e.get("[ua][os][full]")).isEqualTo("Mac OS X 10.14");
        assertThat(e.get("[ua][os][name]")).isEqualTo("Mac OS X");
        assertThat(e.get("[ua][os][version]")).isEqualTo("10.14");
        assertThat(e.get("[@metadata][filter][user_agent][os][version]"))
                .isEqualTo(map("major", "10", "minor", "14"));
        Event l = legacy(ua);
        assertThat(l.get("[ua][major]")).isEqualTo("12");
        assertThat(l.get("[ua][minor]")).isEqualTo("0");
        assertThat(l.get("[ua][patch]")).isNull();
        assertThat(l.get("[ua][os_full]")).isEqualTo("Mac OS X 10.14");
        assertThat(l.get("[ua][os_major]")).isEqualTo("10");
        assertThat(l.get("[ua][os_minor]")).isEqualTo("14");
    }

    @Test
    void safari7OnMavericks() {
        String ua =
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_3) AppleWebKit/537.75.14 (KHTML, like"
                        + " Gecko) Version/7.0.3 Safari/7046A194A";
        Event e = ecs(ua);
        assertThat(e.get("[ua][name]")).isEqualTo("Safari");
        assertThat(e.get("[ua][version]")).isEqualTo("7.0.3");
        assertThat(e.get("[ua][os][full]")).isEqualTo("Mac OS X 10.9.3");
        assertThat(e.get("[ua][device][name]")).isEqualTo("Mac");
        Event l = legacy(ua);
        assertThat(l.get("[ua][major]")).isEqualTo("7");
        assertThat(l.get("[ua][minor]")).isEqualTo("0");
        assertThat(l.get("[ua][patch]")).isEqualTo("3");
        assertThat(l.get("[ua][os_full]")).isEqualTo("Mac OS X 10.9.3");
        assertThat(l.get("[ua][os_major]")).isEqualTo("10");
        assertThat(l.get("[ua][os_minor]")).isEqualTo("9");
        assertThat(l.get("[ua][device]")).isEqualTo("Mac");
    }

    @Test
    void firefoxOnMac() {
        String ua =
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.11; rv:45.0) Gecko/20100101"
                        + " Firefox/45.0";
        Event e = ecs(ua);
        assertThat(e.get("[ua][name]")).isEqualTo("Firefox");
        assertThat(e.get("[ua][version]")).isEqualTo("45.0");
        assertThat(e.get("[ua][os][full]")).isEqualTo("Mac OS X 10.11");
        assertThat(e.get("[ua][os][version]")).isEqualTo("10.11");
        assertThat(e.get("[ua][device][name]")).isEqualTo("Mac");
        Event l = legacy(ua);
        assertThat(l.get("[ua][major]")).isEqualTo("45");
        assertThat(l.get("[ua][minor]")).isEqualTo("0");
        assertThat(l.get("[ua][patch]")).isNull();
        assertThat(l.get("[ua][os_major]")).isEqualTo("10");
        assertThat(l.get("[ua][os_minor]")).isEqualTo("11");
    }

    @Test
    void internetExplorerOnVistaAndXp() {
        String vista = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)";
        assertThat(ecs(vista).get("[ua][os][name]")).isEqualTo("Windows");
        assertThat(ecs(vista).get("[ua][os][version]")).isEqualTo("Vista");
        assertThat(ecs(vista).get("[ua][device][name]")).isEqualTo("Other");
        assertThat(legacy(vista).get("[ua][os_name]")).isEqualTo("Windows");
        assertThat(legacy(vista).get("[ua][os_major]")).isEqualTo("Vista");
        assertThat(legacy(vista).get("[ua][os_minor]")).isNull();
        String xp =
                "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; .NET CLR"
                        + " 1.1.4322; .NET CLR 2.0.50727; .NET CLR 3.5.30729)";
        assertThat(legacy(xp).get("[ua][name]")).isEqualTo("IE");
        assertThat(legacy(xp).get("[ua][os_major]")).isEqualTo("XP");
        assertThat(ecs(xp).get("[ua][os][version]")).isEqualTo("XP");
        assertThat(ecs(xp).get("[ua][device][name]")).isEqualTo("Other");
    }

    @Test
    void edgeOnWindows() {
        String w81 =
                "Mozilla/5.0 (Windows NT 6.3; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/42.0.2311.135 Safari/537.36 Edge/12.246";
        assertThat(legacy(w81).get("[ua][name]")).isEqualTo("Edge");
        assertThat(legacy(w81).get("[ua][os_major]")).isEqualTo("8");
        assertThat(legacy(w81).get("[ua][os_minor]")).isEqualTo("1");
        assertThat(ecs(w81).get("[ua][os][version]")).isEqualTo("8.1");
        String w10 =
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/89.0.4389.90 Safari/537.36 Edg/89.0.774.50";
        Event e = ecs(w10);
        assertThat(e.get("[ua][name]")).isEqualTo("Edge");
        assertThat(e.get("[ua][version]")).isEqualTo("89.0.774.50");
        assertThat(e.get("[ua][os][full]")).isEqualTo("Windows 10");
        assertThat(e.get("[ua][os][version]")).isEqualTo("10");
        assertThat(e.get("[@metadata][filter][user_agent][os][version]"))
                .isEqualTo(map("major", "10"));
        assertThat(legacy(w10).get("[ua][os_minor]")).isNull();
    }

    @Test
    void chromeOnLinux64() {
        String ua =
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/89.0.4389.90 Safari/537.36";
        assertThat(legacy(ua).get("[ua][name]")).isEqualTo("Chrome");
        assertThat(legacy(ua).get("[ua][os_major]")).isNull();
        assertThat(ecs(ua).get("[ua][os][version]")).isNull();
        assertThat(ecs(ua).get("[ua][device][name]")).isEqualTo("Other");
    }

    @Test
    void withoutTarget() {
        Event l = run(filter("useragent", "source", "message"), event("message", CHROME_LINUX));
        assertThat(l.get("name")).isEqualTo("Chrome");
        assertThat(l.get("os_name")).isEqualTo("Linux");
        assertThat(l.get("os")).isEqualTo("Linux");
        assertThat(l.get("major")).isEqualTo("26");
        assertThat(l.get("minor")).isEqualTo("0");
        assertThat(l.get("patch")).isEqualTo("1410");
        assertThat(l.get("version")).isEqualTo("26.0.1410.63");
        Event e =
                run(
                        filter("useragent", "source", "message", "ecs_compatibility", "v1"),
                        event("message", CHROME_LINUX));
        assertThat(e.get("[user_agent][name]")).isEqualTo("Chrome");
        assertThat(e.get("[user_agent][os][name]")).isEqualTo("Linux");
        assertThat(e.get("[user_agent][version]")).isEqualTo("26.0.1410.63");
    }

    @Test
    void nestedTarget() {
        Event e =
                run(
                        filter("useragent", "source", "message", "target", "[foo][bar]"),
                        event(
                                "message",
                                "Mozilla/5.0 (iPhone; CPU iPhone OS 13_3_1 like Mac OS X)"
                                        + " AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
                                        + " [FBAN/FBIOS;FBDV/iPhone11,8;FBMD/iPhone;FBSN/iOS;"
                                        + "FBSV/13.3.1;FBSS/2;FBID/phone;FBLC/en_US;FBOP/5;FBCR/]"));
        assertThat(e.get("[foo][bar][name]")).isEqualTo("Facebook");
    }

    @Test
    void withoutUserAgent() {
        Event none = legacy("");
        assertThat(none.toMap()).doesNotContainKey("ua");
        Event other = run(legacy, event("foo", "bar"));
        assertThat(other.toMap()).doesNotContainKey("ua");
    }

    @Test
    void nonExactUserAgentData() {
        Event e =
                run(
                        filter("useragent", "source", "message", "target", "user_agent"),
                        event(
                                "message",
                                "Prefix DATA! Mozilla/5.0 (Android 11; Mobile; rv:68.0)"
                                        + " Gecko/68.0 Firefox/86.0"));
        assertThat((Map<String, Object>) e.get("user_agent"))
                .containsEntry("name", "Firefox Mobile")
                .containsEntry("version", "86.0")
                .containsEntry("os_name", "Android");
    }

    @Test
    void prefixInLegacyModeOnly() {
        String ua =
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 Firefox/78.0";
        Event l =
                run(
                        filter("useragent", "source", "message", "prefix", "pre_"),
                        event("message", ua));
        assertThat(l.toMap())
                .containsEntry("pre_name", "Firefox")
                .containsEntry("pre_version", "78.0");
        Event e =
                run(
                        filter(
                                "useragent",
                                "source",
                                "message",
                                "prefix",
                                "pre_",
                                "ecs_compatibility",
                                "v8"),
                        event("message", ua));
        assertThat(e.toMap().keySet()).noneMatch(k -> k.contains("pre_"));
        assertThat((Map<String, Object>) e.get("user_agent"))
                .containsEntry("name", "Firefox")
                .containsEntry("version", "78.0")
                .allSatisfy((k, v) -> assertThat(k).doesNotContain("pre_"));
    }

    @Test
    void everyLegacyFieldIsText() {
        String ua =
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_5) AppleWebKit/537.36 (KHTML,"
                        + " like Gecko) Chrome/45.0.2454.85 Safari/537.36";
        Event e = run(filter("useragent", "source", "message"), event("message", ua));
        for (String f :
                new String[] {
                    "name", "os_name", "os_major", "os_minor", "device", "major", "minor", "patch"
                }) {
            assertThat(e.get(f)).as(f).isInstanceOf(String.class);
        }
        assertThat(e.get("name")).isEqualTo("Chrome");
        assertThat(e.get("os_major")).isEqualTo("10");
        assertThat(e.get("os_minor")).isEqualTo("10");
    }

    @Test
    void targetEqualToSourceReplacesIt() {
        Event e =
                run(
                        filter(
                                "useragent",
                                "source",
                                "message",
                                "target",
                                "message",
                                "add_tag",
                                list("ua")),
                        event("message", CHROME_LINUX));
        assertThat(e.get("[message][name]")).isEqualTo("Chrome");
        assertThat(e.get("[message][os]")).isEqualTo("Linux");
        assertThat(e.get("[message][major]")).isEqualTo("26");
        assertThat(e.get("[message][minor]")).isEqualTo("0");
        assertThat(e.tags()).containsExactly("ua");
    }

    @Test
    void ownRegexesFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path yaml = dir.resolve("regexes.yaml");
        java.nio.file.Files.writeString(
                yaml,
                "user_agent_parsers:\n"
                        + "  - regex: '(MyAgent)/(\\d+)\\.(\\d+)'\n"
                        + "os_parsers:\n"
                        + "  - regex: '(Plan9)'\n"
                        + "device_parsers:\n"
                        + "  - regex: '(Terminal)'\n");
        Event e =
                run(
                        filter(
                                "useragent",
                                "source",
                                "message",
                                "target",
                                "[ua]",
                                "regexes",
                                yaml.toString()),
                        event("message", "MyAgent/3.4 (Plan9; Terminal)"));
        assertThat(e.get("ua"))
                .isEqualTo(
                        map(
                                "name",
                                "MyAgent",
                                "device",
                                "Terminal",
                                "major",
                                "3",
                                "minor",
                                "4",
                                "version",
                                "3.4",
                                "os_name",
                                "Plan9",
                                "os",
                                "Plan9",
                                "os_full",
                                "Plan9"));
        // the built-in rules are not used: Chrome is unknown here
        Event other =
                run(
                        filter(
                                "useragent",
                                "source",
                                "message",
                                "target",
                                "[ua]",
                                "regexes",
                                yaml.toString()),
                        event("message", CHROME_LINUX));
        assertThat(other.get("[ua][name]")).isEqualTo("Other");
    }

    @Test
    void settings() {
        assertThatThrownBy(() -> filter("useragent"))
                .hasMessageContaining("Missing a required setting for the useragent filter");
        assertThatThrownBy(() -> filter("useragent", "source", "m", "regexes", "/nope.yaml"))
                .hasMessageContaining("regexes");
    }
}
