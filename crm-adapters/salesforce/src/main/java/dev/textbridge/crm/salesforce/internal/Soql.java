package dev.textbridge.crm.salesforce.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** SOQL literals: every value that goes into a statement goes through here. */
public final class Soql {

    /** Ids per {@code IN (...)}: far below the 100,000-character statement limit with 18-character ids. */
    public static final int IDS_PER_QUERY = 500;

    private Soql() {
    }

    /** A string literal: quotes and backslashes escaped, and the control characters SOQL names. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        appendEscaped(out, value, false);
        return out.append('\'').toString();
    }

    /** A LIKE pattern matching values that contain the text; {@code %} and {@code _} in it match only themselves. */
    public static String likeContaining(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4).append("'%");
        appendEscaped(out, text, true);
        return out.append("%'").toString();
    }

    /** {@code ('a', 'b')}; the collection must not be empty. */
    public static String in(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN () needs at least one value");
        }
        return values.stream().map(Soql::quote).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A dateTime literal, e.g. {@code 2026-11-20T09:00:00Z} (unquoted, as SOQL wants it). */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(size);
        for (T value : values) {
            current.add(value);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static void appendEscaped(StringBuilder out, String value, boolean like) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '%', '_' -> out.append(like ? "\\" : "").append(c);
                default -> out.append(c);
            }
        }
    }
}
