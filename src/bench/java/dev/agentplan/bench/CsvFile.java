package dev.agentplan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A results file: {@code #} lines with the machine facts and notes, then a CSV header and rows.
 * Numbers are written with a dot and without grouping, whatever the locale.
 */
public final class CsvFile {

    private final List<String> columns;
    private final List<String> notes = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    public CsvFile(String... columns) {
        this.columns = List.of(columns);
    }

    public CsvFile note(String note) {
        notes.add(note);
        return this;
    }

    public CsvFile row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object v : values) {
            row.add(cell(v));
        }
        rows.add(row);
        return this;
    }

    public void write(Path file, Map<String, String> facts) {
        StringBuilder out = new StringBuilder();
        facts.forEach((k, v) -> out.append("# ").append(k).append(": ").append(v).append('\n'));
        notes.forEach(n -> out.append("# ").append(n).append('\n'));
        out.append(String.join(",", columns)).append('\n');
        for (List<String> row : rows) {
            out.append(String.join(",", row)).append('\n');
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d.isNaN() ? "" : String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3f", d);
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
