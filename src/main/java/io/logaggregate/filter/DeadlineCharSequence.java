package io.logaggregate.filter;

/**
 * Text for a regex match that gives up after a deadline: java.util.regex cannot be interrupted, but
 * it reads its input through {@link #charAt}, so a runaway backtracking match ends there (grok's
 * {@code timeout_millis}).
 */
final class DeadlineCharSequence implements CharSequence {
    /** Thrown out of the matcher when the deadline has passed. */
    static final class Timeout extends RuntimeException {
        Timeout() {
            super("grok match timed out", null, false, false);
        }
    }

    private final String text;
    private final long deadlineNanos;
    private int reads;

    DeadlineCharSequence(String text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        // reading the clock on every character would slow every match down
        if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new Timeout();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
