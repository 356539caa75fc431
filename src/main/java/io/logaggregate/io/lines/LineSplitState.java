package io.logaggregate.io.lines;

/** The progress of a {@link LineSplit} as far as events have been emitted (mutable). */
public final class LineSplitState {
    private final String id;
    private long offset;
    private long nextLine;
    private String fileKey;

    LineSplitState(LineSplit split) {
        this.id = split.splitId();
        this.offset = split.offset();
        this.nextLine = split.line();
        this.fileKey = split.fileKey();
    }

    public String id() {
        return id;
    }

    void emitted(LineRecord r) {
        offset = r.endOffset();
        nextLine = r.line() + 1;
        fileKey = r.fileKey();
    }

    LineSplit toSplit() {
        return new LineSplit(id, offset, nextLine, fileKey);
    }
}
