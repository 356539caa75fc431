package io.logaggregate.event.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a {@link FormatVersionedSerializer}: it records the format the state was written
 * in, and on restore tells Flink whether today's serializer reads that state as it is (same
 * format), after migration (an older format: Flink reads it with the old format's reader and
 * rewrites it) or not at all (a newer format, written by a newer log-aggregate).
 *
 * <p>Flink stores the snapshot's class name in every checkpoint and savepoint: the subclasses that
 * can be in one ({@code TaskStateSerializer.Snapshot}, {@code
 * EventSerializer.EventSerializerSnapshot}) must never be renamed or moved. ({@code
 * EventAtBlockSerializer}'s records travel between stages and are never checkpointed.)
 *
 * <p>Snapshot layout versions: up to 3, the snapshot was Flink's {@code
 * SimpleTypeSerializerSnapshot} (version 3 in Flink 1.20), which stored nothing: such state is
 * format 1. From version 4 the snapshot stores the format as an int.
 */
public abstract class FormatVersionedSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int SNAPSHOT_VERSION = 4;
    private static final int LAST_UNVERSIONED_SNAPSHOT = 3;

    private final FormatVersionedSerializer<T> current;
    private int format;

    /** For Flink's reflection (restore) and for {@code snapshotConfiguration()}. */
    protected FormatVersionedSnapshot(FormatVersionedSerializer<T> current, int format) {
        this.current = current;
        this.format = format;
    }

    /** The format of the state this snapshot describes. */
    public int format() {
        return format;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
            throws IOException {
        format = readVersion <= LAST_UNVERSIONED_SNAPSHOT ? 1 : in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return current.forFormat(format);
    }

    /** Called on today's snapshot with the one stored in the checkpoint or savepoint. */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> old) {
        if (old == null || old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int oldFormat = ((FormatVersionedSnapshot<T>) old).format;
        if (oldFormat == format) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        if (oldFormat >= 1 && oldFormat < format) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
