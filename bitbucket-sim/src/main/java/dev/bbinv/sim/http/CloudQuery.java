package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CloudRepo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of BBQL the simulator understands for repository listings: conditions joined by {@code AND},
 * {@code field op value} with ops {@code = != ~ !~ > >= < <=}. OR and parentheses are refused with 400 rather
 * than silently ignored. Pure.
 */
final class CloudQuery {
    /** One comparison, e.g. {@code updated_on > 2025-01-01T00:00:00}. */
    record Condition(String field, String op, String value, boolean quoted) {
    }

    private final List<Condition> conditions;

    private CloudQuery(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    static CloudQuery parse(String q) {
        if (q == null || q.isBlank()) {
            return new CloudQuery(List.of());
        }
        List<Condition> out = new ArrayList<>();
        Lexer lx = new Lexer(q);
        while (true) {
            String field = lx.word();
            if (field == null || !field.matches("[a-z_][a-z_.]*")) {
                throw invalid(q, "expected a field name");
            }
            String op = lx.operator();
            if (op == null) {
                throw invalid(q, "expected an operator after " + field);
            }
            boolean quoted = lx.peek() == '"';
            String value = quoted ? lx.quoted() : lx.word();
            if (value == null) {
                throw invalid(q, "expected a value after " + field + " " + op);
            }
            Condition c = new Condition(field, op, value, quoted);
            check(c, q);
            out.add(c);
            String joiner = lx.word();
            if (joiner == null) {
                break;
            }
            if (!joiner.equalsIgnoreCase("AND")) {
                throw invalid(q, "only AND is supported by the simulator, found " + joiner);
            }
        }
        return new CloudQuery(out);
    }

    List<Condition> conditions() {
        return conditions;
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** True for an updated_on range condition, which the updated_on index can answer. */
    static boolean isUpdatedOnRange(Condition c) {
        return c.field().equals("updated_on") && (c.op().startsWith(">") || c.op().startsWith("<"));
    }

    static Predicate<CloudRepo> predicate(Condition c) {
        switch (c.field()) {
            case "updated_on":
            case "created_on": {
                Instant bound = Timestamps.parse(c.value());
                boolean updated = c.field().equals("updated_on");
                return r -> compare((updated ? r.updatedOn() : r.createdOn()).compareTo(bound), c.op());
            }
            case "is_private":
            case "has_issues":
            case "has_wiki": {
                boolean want = Boolean.parseBoolean(c.value());
                return r -> {
                    boolean v = switch (c.field()) {
                        case "is_private" -> r.isPrivate();
                        case "has_issues" -> r.hasIssues();
                        default -> r.hasWiki();
                    };
                    return c.op().equals("=") == (v == want);
                };
            }
            default: {
                return r -> text(c, textField(r, c.field()));
            }
        }
    }

    private static String textField(CloudRepo r, String field) {
        return switch (field) {
            case "name" -> r.name();
            case "slug" -> r.slug();
            case "full_name" -> r.fullName();
            case "description" -> r.description();
            case "language" -> r.language();
            case "uuid" -> r.uuid();
            case "scm" -> "git";
            case "project.key" -> r.projectKey();
            case "mainbranch.name" -> r.mainbranch();
            case "fork_policy" -> r.forkPolicy();
            default -> throw new IllegalStateException("unchecked field " + field);
        };
    }

    private static boolean text(Condition c, String actual) {
        String v = c.value();
        return switch (c.op()) {
            case "=" -> actual.equals(v);
            case "!=" -> !actual.equals(v);
            case "~" -> actual.toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT));
            case "!~" -> !actual.toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT));
            default -> compare(actual.compareTo(v), c.op());
        };
    }

    private static boolean compare(int cmp, String op) {
        return switch (op) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            default -> false;
        };
    }

    private static void check(Condition c, String q) {
        switch (c.field()) {
            case "updated_on", "created_on" -> {
                if (Timestamps.parse(c.value()) == null) {
                    throw invalid(q, "'" + c.value() + "' is not a datetime");
                }
                if (c.op().contains("~")) {
                    throw invalid(q, "operator " + c.op() + " does not apply to " + c.field());
                }
            }
            case "is_private", "has_issues", "has_wiki" -> {
                if (!c.op().equals("=") && !c.op().equals("!=")) {
                    throw invalid(q, "operator " + c.op() + " does not apply to " + c.field());
                }
                if (!c.value().equals("true") && !c.value().equals("false")) {
                    throw invalid(q, c.field() + " takes true or false");
                }
            }
            case "name", "slug", "full_name", "description", "language", "uuid", "scm", "project.key",
                    "mainbranch.name", "fork_policy" -> {
                if (!c.quoted()) {
                    throw invalid(q, "strings must be in double quotes: " + c.value());
                }
            }
            default -> throw invalid(q, "field " + c.field() + " is not supported by the simulator");
        }
    }

    private static BadRequest invalid(String q, String why) {
        return new BadRequest("q", "Invalid query: " + why + " (q=" + q + ")");
    }

    /** Splits a BBQL expression into words, operators and quoted strings. */
    private static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        char peek() {
            skipSpace();
            return i < s.length() ? s.charAt(i) : 0;
        }

        String word() {
            skipSpace();
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "=!<>~\"()".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i < s.length() && (s.charAt(i) == '(' || s.charAt(i) == ')')) {
                throw new BadRequest("q", "Invalid query: parentheses are not supported by the simulator (q=" + s + ")");
            }
            return i == start ? null : s.substring(start, i);
        }

        String operator() {
            skipSpace();
            for (String op : new String[] {">=", "<=", "!=", "!~", ">", "<", "=", "~"}) {
                if (s.startsWith(op, i)) {
                    i += op.length();
                    return op;
                }
            }
            return null;
        }

        String quoted() {
            skipSpace();
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                    i++;
                }
                b.append(s.charAt(i++));
            }
            if (i >= s.length()) {
                throw new BadRequest("q", "Invalid query: unterminated string (q=" + s + ")");
            }
            i++; // closing quote
            return b.toString();
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
