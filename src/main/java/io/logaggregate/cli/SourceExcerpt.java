package io.logaggregate.cli;

import io.logaggregate.config.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The line of a pipeline file an error points at, with a caret under its column. The parser
 * attaches one to its own errors; errors found later (plugin settings, aggregate rules, Ruby code)
 * carry only a location, so the CLI reads the line back to show it the same way.
 */
final class SourceExcerpt {
    private SourceExcerpt() {}

    /** The excerpt for {@code at}, or null when the file or line cannot be read. */
    static String of(SourceLocation at) {
        if (at == null || at.file() == null || at.line() < 1) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(at.file()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // the report is still complete without the excerpt
            return null;
        }
        if (at.line() > lines.size()) {
            return null;
        }
        String line = lines.get(at.line() - 1);
        StringBuilder caret = new StringBuilder();
        int col = Math.max(1, Math.min(at.column(), line.length() + 1));
        for (int i = 0; i < col - 1; i++) {
            // copy tabs so the caret lines up whatever the terminal's tab width
            caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return line + "\n" + caret.append('^');
    }
}
