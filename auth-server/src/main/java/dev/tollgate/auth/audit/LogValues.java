package dev.tollgate.auth.audit;

/**
 * Values from outside (request parameters, upstream answers) made safe for a log line: control characters and line
 * separators are written as escapes ({@code \r}, {@code \n}, {@code \t}, {@code \u001b}...), so a value can never
 * start a line of its own, forge an event, or send terminal escape sequences to whoever reads the log.
 */
public final class LogValues {

    private LogValues() {
    }

    /** The value on one line, its control characters and backslashes escaped. */
    public static String escaped(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(character -> {
            switch (character) {
                case '\\' -> safe.append("\\\\");
                case '\r' -> safe.append("\\r");
                case '\n' -> safe.append("\\n");
                case '\t' -> safe.append("\\t");
                default -> {
                    if (Character.isISOControl(character) || character == '\u2028' || character == '\u2029') {
                        safe.append(String.format("\\u%04x", character));
                    }
                    else {
                        safe.appendCodePoint(character);
                    }
                }
            }
        });
        return safe.toString();
    }

    /**
     * The value as the right-hand side of a {@code key=value} pair: escaped, and quoted (with {@code "} escaped)
     * when it is empty or holds a space, a quote or an {@code =}, so that it cannot add pairs of its own.
     */
    public static String field(Object value) {
        String escaped = escaped(value);
        boolean plain = !escaped.isEmpty() && escaped.chars().noneMatch(c -> c == ' ' || c == '"' || c == '='
                || Character.isWhitespace(c));
        return plain ? escaped : '"' + escaped.replace("\"", "\\\"") + '"';
    }
}
