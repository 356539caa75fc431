package io.logaggregate.event.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer whose binary layout has a format version, so that state written by an older version
 * of this program (a savepoint, a retained checkpoint) is still read after the layout changes.
 *
 * <p>The version is not written per record: it travels in the serializer's snapshot ({@link
 * FormatVersionedSnapshot}), which Flink stores once per state in every checkpoint and savepoint.
 * On restore Flink compares the stored snapshot with today's serializer; for an older format it
 * reads the state with {@code forFormat(old)} and writes it again in the current format (Flink's
 * "compatible after migration"). So an instance for an old format only ever reads; {@link
 * #serialize} is only called on the current one.
 *
 * <p>Changing a layout: bump the subclass's {@code CURRENT_FORMAT}, keep a reader for every older
 * format, and add that version's fixtures to {@code src/test/resources/serializer-formats}
 * (SerializerMigrationTest).
 */
public abstract class FormatVersionedSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final int format;

    protected FormatVersionedSerializer(int format, int currentFormat) {
        if (format < 1 || format > currentFormat) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName()
                            + ": state format "
                            + format
                            + " is unknown to this version (it reads formats 1 to "
                            + currentFormat
                            + "); was it written by a newer log-aggregate?");
        }
        this.format = format;
    }

    /** The layout this instance reads (and, for the current one, writes). */
    public final int format() {
        return format;
    }

    /** The newest format, the one every instance of this class writes. */
    public abstract int currentFormat();

    /** An instance reading {@code format}: called when restoring state written in it. */
    public abstract FormatVersionedSerializer<T> forFormat(int format);

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    /** Stateless, so one instance may serve every thread. */
    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    /** Decodes and encodes again; a format that can copy its bytes as they are may override. */
    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** Guards {@link #serialize}: only the current format is ever written. */
    protected final void checkWritable() throws IOException {
        if (format != currentFormat()) {
            throw new IOException(
                    getClass().getSimpleName()
                            + " for format "
                            + format
                            + " only reads old state; state is written in format "
                            + currentFormat());
        }
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null
                && obj.getClass() == getClass()
                && ((FormatVersionedSerializer<?>) obj).format == format;
    }

    @Override
    public final int hashCode() {
        return 31 * getClass().hashCode() + format;
    }
}
