package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.def;
import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The filters of issue 11 (uuid, urldecode, truncate, prune, fingerprint, translate, useragent) are
 * built on the client and shipped to the TaskManagers: they work after Java serialization.
 */
class ShippedFiltersTest {
    static Filter shipped(Object... args) throws Exception {
        String name = (String) args[0];
        Object[] settings = Arrays.copyOfRange(args, 1, args.length);
        Filter built = FilterRegistry.create(def(name, settings), FilterTestSupport.CTX);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(built);
        }
        Filter f;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            f = (Filter) in.readObject();
        }
        f.open();
        return f;
    }

    @Test
    void simpleFilters() throws Exception {
        Event e = event("message", "a%20b", "long", "abcdef", "gone", "x", "%{unresolved}", "y");
        run(shipped("uuid", "target", "id"), e);
        run(shipped("urldecode"), e);
        run(shipped("truncate", "fields", list("long"), "length_bytes", 3L), e);
        run(shipped("prune", "blacklist_names", list("^gone$", "%\\{")), e);
        assertThat(e.get("message")).isEqualTo("a b");
        assertThat(e.get("long")).isEqualTo("abc");
        assertThat(e.get("id")).isNotNull();
        assertThat(e.toMap()).doesNotContainKeys("gone", "%{unresolved}");
        assertThat(map()).isEmpty();
    }

    @Test
    void translateCarriesItsDictionaryFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path yml = dir.resolve("codes.yml");
        java.nio.file.Files.writeString(yml, "\"200\": OK\n");
        Filter f =
                shipped(
                        "translate",
                        "source",
                        "status",
                        "dictionary_path",
                        yml.toString(),
                        "refresh_interval",
                        0L);
        // read on the client: the TaskManager needs no copy of the file
        java.nio.file.Files.delete(yml);
        assertThat(run(f, event("status", 200L)).get("translation")).isEqualTo("OK");
    }

    @Test
    void useragent() throws Exception {
        Event e =
                event(
                        "agent",
                        "Mozilla/5.0 (X11; Linux i686) AppleWebKit/537.31 (KHTML, like Gecko)"
                                + " Chrome/26.0.1410.63 Safari/537.31");
        run(shipped("useragent", "source", "agent", "target", "ua"), e);
        assertThat(e.get("[ua][name]")).isEqualTo("Chrome");
        assertThat(e.get("[ua][version]")).isEqualTo("26.0.1410.63");
    }

    @Test
    void fingerprint() throws Exception {
        Event e = event("message", "123.123.123.123");
        run(shipped("fingerprint", "method", "MURMUR3_128", "key", "k"), e);
        assertThat(e.get("fingerprint")).isEqualTo("41cbc4056eed401d091dfbeabf7ea9e0");
        run(shipped("fingerprint", "method", "SHA1", "key", "longencryptionkey"), e);
        assertThat(e.get("fingerprint")).isEqualTo("fdc60acc4773dc5ac569ffb78fcb93c9630797f4");
    }
}
