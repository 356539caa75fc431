package io.logaggregate.event;

/**
 * Translates a Joda-Time pattern (Logstash's date and sprintf formats) into a java.time one. The
 * letters that differ: Joda {@code Y} is year-of-era ({@code y} here), {@code y} is the proleptic
 * year ({@code u}), {@code x} the week-year ({@code Y}), {@code ZZ} an offset with a colon, {@code
 * ZZZ} a zone id. A letter Joda does not know is an error ({@link IllegalArgumentException}), as
 * there.
 */
public final class JodaPatterns {
    /** The pattern letters Joda-Time knows; any other letter is an error there. */
    private static final String JODA_LETTERS = "GCYxweEDyMdaKhHkmsSzZ";

    private JodaPatterns() {}

    public static String toJavaTime(String joda) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < joda.length()) {
            char c = joda.charAt(i);
            if (c == '\'') {
                int end = joda.indexOf('\'', i + 1);
                if (end < 0) {
                    end = joda.length() - 1;
                }
                out.append(joda, i, end + 1);
                i = end + 1;
                continue;
            }
            int run = 1;
            while (i + run < joda.length() && joda.charAt(i + run) == c) {
                run++;
            }
            switch (c) {
                case 'Y' -> out.append("y".repeat(run));
                case 'y' -> out.append("u".repeat(run));
                case 'x' -> out.append("Y".repeat(run));
                case 'Z' -> out.append(run == 1 ? "xx" : run == 2 ? "xxx" : "VV");
                case 'z' -> out.append(run < 4 ? "z" : "zzzz");
                case 'S' -> out.append("S".repeat(Math.min(run, 9)));
                case 'e' -> out.append("e".repeat(run));
                case 'C' -> out.append("uu");
                default -> {
                    if ((c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
                            && JODA_LETTERS.indexOf(c) < 0) {
                        throw new IllegalArgumentException("Illegal pattern component: " + c);
                    }
                    if (Character.isLetter(c)) {
                        out.append(String.valueOf(c).repeat(run));
                    } else {
                        // punctuation is literal in both; quote what java.time would not accept
                        if (c == '[' || c == ']' || c == '#' || c == '{' || c == '}') {
                            out.append('\'').append(String.valueOf(c).repeat(run)).append('\'');
                        } else {
                            out.append(String.valueOf(c).repeat(run));
                        }
                    }
                }
            }
            i += run;
        }
        return out.toString();
    }
}
