package io.logaggregate.filter;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The group numbers of a Java regex's named groups, read once from the regex text. {@code
 * Matcher.group(String)} looks the name up in two hash maps on every call (Java 17 has no public
 * name → number map, {@code Pattern.namedGroups()} is Java 20); grok takes every capture of every
 * matching line, so it resolves each name here once and calls {@code group(int)}.
 *
 * <p>Groups are counted as {@code java.util.regex} numbers them: each {@code (} that is not
 * escaped, not in a character class and not followed by {@code ?} opens one, and so does {@code
 * (?<name>}. Where the text has a construct this count does not follow ({@code \Q...\E} quoting,
 * the comments flag {@code x}), or the count differs from the compiled pattern's own {@link
 * java.util.regex.Matcher#groupCount()}, it answers null and the caller keeps using names.
 */
final class GroupNumbers {
    private GroupNumbers() {}

    /** Name → group number of every named group of {@code regex}, or null when unsure. */
    static Map<String, Integer> of(Pattern regex) {
        if ((regex.flags() & Pattern.COMMENTS) != 0) {
            return null;
        }
        String s = regex.pattern();
        Map<String, Integer> named = new HashMap<>();
        int count = 0;
        boolean inClass = false;
        int classDepth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) == 'Q') {
                    return null; // quoted text: not followed here
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == '[') {
                    classDepth++;
                } else if (c == ']' && --classDepth == 0) {
                    inClass = false;
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                classDepth = 1;
                i++;
                // a ']' first in a class (after an optional '^') is a literal
                if (i < s.length() && s.charAt(i) == '^') {
                    i++;
                }
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                }
                continue;
            }
            if (c == '(') {
                if (!s.startsWith("(?", i)) {
                    count++;
                } else if (s.startsWith("(?<", i)
                        && i + 3 < s.length()
                        && s.charAt(i + 3) != '='
                        && s.charAt(i + 3) != '!') {
                    int close = s.indexOf('>', i + 3);
                    if (close < 0) {
                        return null;
                    }
                    named.put(s.substring(i + 3, close), ++count);
                } else if (setsCommentsFlag(s, i + 2)) {
                    return null; // (?x) or (?x:...): '#' starts comments, not followed here
                }
            }
            i++;
        }
        return count == regex.matcher("").groupCount() ? named : null;
    }

    /** Whether the inline flags at {@code i} (after "(?") switch the comments flag on. */
    private static boolean setsCommentsFlag(String s, int i) {
        boolean on = true;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                on = false;
            } else if (c == 'x') {
                if (on) {
                    return true;
                }
            } else if (!Character.isLetter(c)) {
                return false;
            }
        }
        return false;
    }
}
