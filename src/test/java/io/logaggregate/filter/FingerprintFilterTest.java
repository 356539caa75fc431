package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ported from logstash-filter-fingerprint's fingerprint_spec.rb (ECS disabled and v1). */
class FingerprintFilterTest {
    private static final String KEY = "longencryptionkey";

    /** Fingerprints {@code clientip} with the given extra settings; returns the fingerprint. */
    private static Object clientip(Object value, Object... settings) {
        List<Object> all = new ArrayList<>(List.of("source", list("clientip")));
        all.addAll(Arrays.asList(settings));
        Event e = run(filter("fingerprint", all.toArray()), event("clientip", value));
        return e.get("fingerprint");
    }

    private static final String IP = "123.123.123.123";

    @Test
    void ipv4Network() {
        assertThat(clientip(IP, "method", "IPV4_NETWORK", "key", "24")).isEqualTo("123.123.123.0");
        assertThat(clientip("2001:db8:1:2::7", "method", "IPV4_NETWORK", "key", "48"))
                .isEqualTo("2001:db8:1::");
        assertThatThrownBy(() -> filter("fingerprint", "method", "IPV4_NETWORK"))
                .hasMessageContaining("Key value is empty");
    }

    @Test
    void murmur3() {
        assertThat(clientip(IP, "method", "MURMUR3")).isEqualTo(4013733395L);
        assertThat(clientip(123L, "method", "MURMUR3")).isEqualTo(823512154L);
    }

    @Test
    void murmur3x128() {
        assertThat(clientip(IP, "method", "MURMUR3_128"))
                .isEqualTo("41cbc4056eed401d091dfbeabf7ea9e0");
        assertThat(clientip(IP, "method", "MURMUR3_128", "base64encode", true))
                .isEqualTo("QcvEBW7tQB0JHfvqv36p4A==");
        assertThat(clientip(123L, "method", "MURMUR3_128", "base64encode", false))
                .isEqualTo("286816c693ac410ed63e1430dcd6f6fe");
        assertThat(clientip(123L, "method", "MURMUR3_128", "base64encode", true))
                .isEqualTo("KGgWxpOsQQ7WPhQw3Nb2/g==");
        assertThat(clientip(2148483647L, "method", "MURMUR3_128"))
                .isEqualTo("fdc7699a82556c8c584131f0133ee989");
        assertThat(clientip(2148483647L, "method", "MURMUR3_128", "base64encode", true))
                .isEqualTo("/cdpmoJVbIxYQTHwEz7piQ==");
    }

    @Test
    void sha1() {
        assertThat(clientip(IP)).isEqualTo("3a5076c520b4b463f43806896ea0b3978d09dcae");
        assertThat(clientip(IP, "method", "SHA1", "key", KEY))
                .isEqualTo("fdc60acc4773dc5ac569ffb78fcb93c9630797f4");
        assertThat(clientip(IP, "method", "SHA1", "key", KEY, "base64encode", true))
                .isEqualTo("/cYKzEdz3FrFaf+3j8uTyWMHl/Q=");
        assertThat(clientip(IP, "method", "SHA1", "base64encode", true))
                .isEqualTo("OlB2xSC0tGP0OAaJbqCzl40J3K4=");
    }

    @Test
    void sha256() {
        assertThat(clientip(IP, "method", "SHA256"))
                .isEqualTo("4dabcab210766e35f03e77120e6986d6e6d4752b2a9ff22980b9253d026080d8");
        assertThat(clientip(IP, "method", "SHA256", "key", KEY))
                .isEqualTo("345bec3eff242d53b568916c2610b3e393d885d6b96d643f38494fd74bf4a9ca");
        assertThat(clientip(IP, "method", "SHA256", "key", KEY, "base64encode", true))
                .isEqualTo("NFvsPv8kLVO1aJFsJhCz45PYhda5bWQ/OElP10v0qco=");
    }

    @Test
    void sha384() {
        assertThat(clientip(IP, "method", "SHA384"))
                .isEqualTo(
                        "fd605b0a3af3e04ce0d7a0b0d9c48d67a12dab811f60072e6eae84e35d567793ffb68a1807536f11c90874065c2a4392");
        assertThat(clientip(IP, "method", "SHA384", "key", KEY))
                .isEqualTo(
                        "22d4c0e8c4fbcdc4887d2038fca7650f0e2e0e2457ff41c06eb2a980dded6749561c814fe182aff93e2538d18593947a");
        assertThat(clientip(IP, "method", "SHA384", "key", KEY, "base64encode", true))
                .isEqualTo("ItTA6MT7zcSIfSA4/KdlDw4uDiRX/0HAbrKpgN3tZ0lWHIFP4YKv+T4lONGFk5R6");
    }

    @Test
    void sha512() {
        assertThat(clientip(IP, "method", "SHA512"))
                .isEqualTo(
                        "5468e2dc64ea92b617782aae884b35af60041ac9e168a283615b6a462c54c13d42fa9542cce9b7d76a8124ac6616818905e3e5dd35d6e519f77c3b517558639a");
        assertThat(clientip(IP, "method", "SHA512", "key", KEY))
                .isEqualTo(
                        "11c19b326936c08d6c50a3c847d883e5a1362e6a64dd55201a25f2c1ac1b673f7d8bf15b8f112a4978276d573275e3b14166e17246f670c2a539401c5bfdace8");
        assertThat(clientip(IP, "method", "SHA512", "key", KEY, "base64encode", true))
                .isEqualTo(
                        "EcGbMmk2wI1sUKPIR9iD5aE2Lmpk3VUgGiXywawbZz99i/FbjxEqSXgnbVcydeOxQWbhckb2cMKlOUAcW/2s6A==");
    }

    @Test
    void md5() {
        assertThat(clientip(IP, "method", "MD5")).isEqualTo("ccdd8d3d940a01b2fb3258c059924c0d");
        assertThat(clientip(IP, "method", "MD5", "key", KEY))
                .isEqualTo("9336c879e305c9604a3843fc3e75948f");
        assertThat(clientip(IP, "method", "MD5", "key", KEY, "base64encode", true))
                .isEqualTo("kzbIeeMFyWBKOEP8PnWUjw==");
    }

    @Test
    void arrayGivesAnArrayOfFingerprints() {
        assertThat(clientip(list(IP, "223.223.223.223")))
                .isEqualTo(
                        list(
                                "3a5076c520b4b463f43806896ea0b3978d09dcae",
                                "47bbc4e06edebbace047fed35abeceec64968b81"));
    }

    @Test
    void concatenateAllFields() {
        Event e =
                Event.fromMap(
                        map(
                                "@timestamp", "2017-07-26T14:44:27.064Z",
                                "clientip", IP,
                                "message", "This is a test message",
                                "log_level", "INFO",
                                "offset", 123456789L,
                                "type", "test"),
                        FilterTestSupport.T0);
        run(filter("fingerprint", "concatenate_all_fields", true), e);
        assertThat(e.get("fingerprint")).isEqualTo("cbf022518e97860403160ed8a41847c0db104e63");
    }

    @Test
    void multipleFields() {
        Event last =
                run(
                        filter("fingerprint", "source", list("field1", "field2")),
                        event("field1", "test1", "field2", "test2"));
        // SHA1 of "test2"
        assertThat(last.get("fingerprint")).isEqualTo("109f4b3c50d7b0df729d299bc6f8e9ef9066971f");
        Event concat =
                run(
                        filter(
                                "fingerprint",
                                "source",
                                list("field1", "field2"),
                                "concatenate_sources",
                                true),
                        event("field1", "test1", "field2", "test2"));
        // SHA1 of "|field1|test1|field2|test2|"
        assertThat(concat.get("fingerprint")).isEqualTo("e3b6b71eedc656f1d29408264e8a75535db985cb");
    }

    @Test
    void utf8Characters() {
        Object data1 = list(map("inner_key", "🂡"), map("1", "2"));
        Event last =
                run(
                        filter("fingerprint", "source", list("field1", "field2")),
                        event("field1", data1, "field2", "🂡"));
        assertThat(last.get("fingerprint")).isEqualTo("58fa9e0e60c9f0d24b51d84cddb26732a39eeb3d");
        Event concat =
                run(
                        filter(
                                "fingerprint",
                                "source",
                                list("field1", "field2"),
                                "concatenate_sources",
                                true),
                        event("field1", data1, "field2", "🂡"));
        // SHA1 of "|field1|inner_key|🂡|1|2|field2|🂡|"
        assertThat(concat.get("fingerprint")).isEqualTo("d2a1c14e0c9ef137d67114db23b3f2fdbcc90d08");
    }

    @Test
    void punctuation() {
        Event e =
                run(
                        filter("fingerprint", "method", "PUNCTUATION", "source", "field1"),
                        event(
                                "field1",
                                "PHP Warning:  json_encode() [<a href='function.json-encode'>function.json-encode</a>]: Invalid UTF-8 sequence in argument in /var/www/htdocs/test.php on line 233"));
        assertThat(e.get("fingerprint")).isEqualTo(":_()[<='.-'>.-</>]:-////.");
    }

    private static Object timestamp(Instant t, Object... settings) {
        List<Object> all = new ArrayList<>(List.of("source", list("@timestamp")));
        all.addAll(Arrays.asList(settings));
        Event e = Event.fromMap(map("@timestamp", t), t);
        return run(filter("fingerprint", all.toArray()), e).get("fingerprint");
    }

    @Test
    void timestamps() {
        Instant epoch = Instant.EPOCH;
        assertThat(timestamp(epoch, "method", "SHA1", "key", "0123"))
                .isEqualTo("1d5379ec92d86a67cfc642d55aa050ca312d3b9a");
        assertThat(timestamp(epoch, "method", "MURMUR3")).isEqualTo(743372282L);
        assertThat(timestamp(epoch, "method", "MURMUR3_128"))
                .isEqualTo("37785b62a8cae473acc315d39b66d86e");
        assertThat(timestamp(Instant.parse("2000-01-01T05:00:00.12Z"), "method", "MURMUR3"))
                .isEqualTo(4263087275L);
        assertThat(timestamp(Instant.parse("2000-01-01T05:00:00.123456Z"), "method", "MURMUR3"))
                .isEqualTo(4188855160L);
        assertThat(timestamp(Instant.parse("2000-01-01T05:00:00.123456789Z"), "method", "MURMUR3"))
                .isEqualTo(3520111535L);
    }

    @Test
    void commonOptionsApply() {
        Event e =
                run(
                        filter(
                                "fingerprint",
                                "method",
                                "PUNCTUATION",
                                "source",
                                "field1",
                                "add_field",
                                map("myfield", "myvalue"),
                                "add_tag",
                                list("mytag")),
                        event("field1", "Hello, World!"));
        assertThat(e.get("fingerprint")).isEqualTo(",!");
        assertThat(e.get("myfield")).isEqualTo("myvalue");
        assertThat(e.tags()).contains("mytag");
    }

    @Test
    void hashKeyOrderDoesNotMatter() {
        Event e1 = event("a", map("a0", 0L, "a1", 1L), "b", map("b0", 0L, "b1", 1L));
        Event e2 = event("b", map("b1", 1L, "b0", 0L), "a", map("a1", 1L, "a0", 0L));
        for (Object[] config :
                List.of(
                        new Object[] {"source", list("a")},
                        new Object[] {"source", list("a", "b"), "concatenate_sources", true},
                        new Object[] {"concatenate_all_fields", true})) {
            Object f1 = run(filter("fingerprint", config), e1.copy()).get("fingerprint");
            Object f2 = run(filter("fingerprint", config), e2.copy()).get("fingerprint");
            assertThat(f1).isNotNull().isEqualTo(f2);
        }
    }

    @Test
    void uuidAndEcsTarget() {
        Event e = run(filter("fingerprint", "method", "UUID"), event());
        assertThat((String) e.get("fingerprint")).hasSize(36);
        Event ecs = run(filter("fingerprint", "ecs_compatibility", "v8"), event("message", IP));
        assertThat(ecs.get("[event][hash]")).isEqualTo("3a5076c520b4b463f43806896ea0b3978d09dcae");
        Event missing = run(filter("fingerprint", "add_tag", list("t")), event("other", 1L));
        assertThat(missing.toMap()).doesNotContainKey("fingerprint");
        assertThat(missing.tags()).containsExactly("t");
    }

    @Test
    void unknownMethodIsAConfigError() {
        assertThatThrownBy(() -> filter("fingerprint", "method", "CRC32"))
                .hasMessageContaining("Expected one of");
    }
}
