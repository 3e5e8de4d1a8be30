package dev.bbinv.bench;

import java.util.List;
import java.util.Map;

/** Pure: renders the figures of every size as a fixed-width table, one row per figure, one column per size. */
final class ResultTable {
    private ResultTable() {}

    static String render(List<Map<String, Object>> runs) {
        StringBuilder sb = new StringBuilder();
        // The first column is as wide as the longest figure name, so every value stays in its column.
        int width = runs.stream().flatMap(r -> r.keySet().stream()).mapToInt(String::length).max().orElse(0) + 2;
        String name = "%-" + Math.max(width, 8) + "s";
        sb.append(String.format(name, "figure"));
        for (Map<String, Object> run : runs) {
            sb.append(String.format("%16s", "N=" + run.get("n")));
        }
        sb.append('\n');
        if (runs.isEmpty()) {
            return sb.toString();
        }
        for (String key : runs.get(0).keySet()) {
            if (key.equals("n")) {
                continue;
            }
            sb.append(String.format(name, key));
            for (Map<String, Object> run : runs) {
                sb.append(String.format("%16s", format(run.get(key))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String format(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return d >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
        }
        if (value instanceof Number number) {
            return String.format("%,d", number.longValue());
        }
        return value.toString();
    }
}
