package io.logaggregate.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;

/**
 * Whether a checkpoint or savepoint fits a job before the job is started from it. Flink refuses
 * state it cannot map to an operator of the new job, but names the operator only by a hash; we
 * check the same thing first and name it as the run that wrote the state called it (each run
 * records its operators' names in the data directory, file {@code operators}).
 */
final class SnapshotCheck {
    private SnapshotCheck() {}

    /** The snapshot's metadata; throws when it cannot be read (an unfinished or damaged one). */
    static CheckpointMetadata metadata(Path snapshot) throws IOException {
        try (InputStream in = Files.newInputStream(snapshot.resolve("_metadata"))) {
            return Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(in),
                    SnapshotCheck.class.getClassLoader(),
                    snapshot.toString());
        }
    }

    /**
     * The operators whose state the snapshot holds but the job does not have, named from {@code
     * names} (operator id → name) where known. Empty when the job can start from the snapshot.
     */
    static List<String> unmatched(
            CheckpointMetadata metadata, JobGraph job, Map<String, String> names) {
        Set<String> present = new HashSet<>();
        for (JobVertex v : job.getVertices()) {
            for (OperatorIDPair ids : v.getOperatorIDs()) {
                present.add(ids.getGeneratedOperatorID().toHexString());
                ids.getUserDefinedOperatorID().ifPresent(id -> present.add(id.toHexString()));
            }
        }
        List<String> missing = new ArrayList<>();
        for (OperatorState op : metadata.getOperatorStates()) {
            String id = op.getOperatorID().toHexString();
            if (present.contains(id) || !hasState(op)) {
                continue;
            }
            String name = names.get(id);
            missing.add(name == null ? "operator " + id : "'" + name + "' (operator " + id + ")");
        }
        return missing;
    }

    /** As Flink decides it: coordinator state (a source's enumerator) or any subtask's state. */
    private static boolean hasState(OperatorState op) {
        if (op.getCoordinatorState() != null) {
            return true;
        }
        for (OperatorSubtaskState s : op.getStates()) {
            if (s.hasState()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Operator id → name for every operator of the job. A chained vertex is named {@code "a -> b ->
     * c"} and lists its operator ids from the last to the first; when the two agree in number each
     * operator gets its own name, else the vertex's.
     */
    static Map<String, String> operatorNames(JobGraph job) {
        Map<String, String> names = new LinkedHashMap<>();
        for (JobVertex v : job.getVertices()) {
            List<OperatorIDPair> ids = v.getOperatorIDs();
            String[] parts = v.getName().split(" -> ");
            for (int i = 0; i < ids.size(); i++) {
                String name = parts.length == ids.size() ? parts[ids.size() - 1 - i] : v.getName();
                OperatorIDPair pair = ids.get(i);
                names.put(pair.getGeneratedOperatorID().toHexString(), name);
                pair.getUserDefinedOperatorID().ifPresent(id -> names.put(id.toHexString(), name));
            }
        }
        return names;
    }

    static void writeNames(Path file, Map<String, String> names) {
        Properties p = new Properties();
        p.putAll(names);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "operator id = name, of the last run that used this data directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> readNames(Path file) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }
}
