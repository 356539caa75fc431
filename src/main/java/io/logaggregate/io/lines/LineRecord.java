package io.logaggregate.io.lines;

/**
 * A complete line handed from the fetcher thread to the emitter: its text, the offset just past it,
 * its 0-based line number and the identity of the file it came from.
 */
public record LineRecord(String text, long endOffset, long line, String fileKey) {}
