package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.RollingPolicy;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.DefaultRollingPolicy;

/**
 * When the {@code file} output closes a part file and starts the next: at {@code max_part_size}
 * bytes, {@code rollover_interval} after the part was opened, or {@code inactivity_interval} after
 * its last event (Flink's {@link DefaultRollingPolicy}, same names). A gzip part rolls at every
 * checkpoint too ({@link #forGzip()}).
 */
record PartRolling(long maxPartSize, long rolloverMillis, long inactivityMillis)
        implements Serializable {

    /** Flink's default rolling policy with these limits (plain parts). */
    RollingPolicy<Event, String> forRows() {
        return DefaultRollingPolicy.builder()
                .withMaxPartSize(maxPartSize)
                .withRolloverInterval(rolloverMillis)
                .withInactivityInterval(inactivityMillis)
                .build();
    }

    /** The same limits, and a roll at each checkpoint (gzip parts, a bulk format). */
    CheckpointRollingPolicy<Event, String> forGzip() {
        return new OnCheckpointToo(this);
    }

    private static final class OnCheckpointToo extends CheckpointRollingPolicy<Event, String> {
        private static final long serialVersionUID = 1L;
        private final PartRolling limits;

        OnCheckpointToo(PartRolling limits) {
            this.limits = limits;
        }

        @Override
        public boolean shouldRollOnEvent(PartFileInfo<String> part, Event element)
                throws IOException {
            return part.getSize() >= limits.maxPartSize;
        }

        @Override
        public boolean shouldRollOnProcessingTime(PartFileInfo<String> part, long now) {
            return now - part.getCreationTime() >= limits.rolloverMillis
                    || now - part.getLastUpdateTime() >= limits.inactivityMillis;
        }
    }
}
