package io.logaggregate.filter;

/**
 * Text for a regex match that gives up after a deadline: java.util.regex cannot be interrupted, but
 * it reads its input through {@link #charAt}, so a runaway backtracking match ends there (grok's
 * and kv's {@code timeout_millis}).
 *
 * <p>Two uses: with a fixed deadline ({@link #DeadlineCharSequence(String, long)}), or reused for
 * many matches ({@link #DeadlineCharSequence(long)}, {@link #restart}, {@link #text(String)}),
 * which allocates nothing per match and reads the clock only once a match has read 4096 characters:
 * its deadline then starts, so short matches — nearly all — never read the clock; a runaway match
 * gives up a few microseconds after the timeout rather than exactly at it.
 */
final class DeadlineCharSequence implements CharSequence {
    /** Thrown out of the matcher when the deadline has passed. */
    static final class Timeout extends RuntimeException {
        Timeout() {
            super("grok match timed out", null, false, false);
        }
    }

    /** Reads between two looks at the clock (a power of two, less one). */
    private static final int CHECK_MASK = 0xFFF;

    private String text;
    private long deadlineNanos;

    /** Reused form: the timeout; the deadline is set at the first look at the clock. */
    private final long timeoutNanos;

    private boolean started;
    private int reads;

    DeadlineCharSequence(String text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
        this.timeoutNanos = 0;
        this.started = true;
    }

    /** A reusable sequence whose matches give up {@code timeoutNanos} after they start. */
    DeadlineCharSequence(long timeoutNanos) {
        this.text = "";
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts a new timeout period (per match, or per event), counted from the next reads. */
    void restart() {
        started = false;
        reads = 0;
    }

    /** Sets the text of the next match, within the current timeout period. */
    DeadlineCharSequence text(String s) {
        this.text = s;
        return this;
    }

    @Override
    public char charAt(int index) {
        // reading the clock on every character would slow every match down
        if ((++reads & CHECK_MASK) == 0) {
            checkClock();
        }
        return text.charAt(index);
    }

    private void checkClock() {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            deadlineNanos = now + timeoutNanos;
        } else if (now - deadlineNanos > 0) {
            throw new Timeout();
        }
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
