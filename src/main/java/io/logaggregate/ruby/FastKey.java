package io.logaggregate.ruby;

import java.nio.charset.StandardCharsets;
import org.jcodings.specific.UTF8Encoding;
import org.jruby.util.ByteList;

/**
 * A map key written as a string literal in fast code ({@code map['to_mail']}), with its packed form
 * ({@link PackedMap}): its number in the key dictionary, taken once when the code is compiled.
 */
final class FastKey {
    final byte[] utf8;

    /** The key's number in PackedMap's dictionary, or -1 when the dictionary is full. */
    final int id;

    /** The key as PackedMap writes a top-level key. */
    final byte[] encoded;

    FastKey(String name) {
        this.utf8 = name.getBytes(StandardCharsets.UTF_8);
        this.id = KeyNames.id(new ByteList(utf8, UTF8Encoding.INSTANCE, false));
        if (id >= 0) {
            encoded = new byte[MapEditor.varintSize(id + 1)];
            MapEditor.writeVarint(encoded, 0, id + 1);
        } else {
            encoded = new byte[1 + MapEditor.varintSize(utf8.length) + utf8.length];
            int at = MapEditor.writeVarint(encoded, 0, 0);
            at = MapEditor.writeVarint(encoded, at, utf8.length);
            System.arraycopy(utf8, 0, encoded, at, utf8.length);
        }
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
