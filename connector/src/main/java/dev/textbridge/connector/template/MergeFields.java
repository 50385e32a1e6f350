package dev.textbridge.connector.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merge fields a template may use, and how a template's body is filled from a record and a seller. A field the
 * template names must be one of {@link #KNOWN}; a field without a value at send time is refused rather than sent
 * as a gap.
 */
public final class MergeFields {

    /** Every merge field there is, with what it stands for. */
    public static final Map<String, String> KNOWN = Map.of(
            "record.name", "the record's name",
            "record.firstName", "the first word of the record's name",
            "seller.name", "the seller's name",
            "seller.firstName", "the first word of the seller's name");

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private MergeFields() {
    }

    /** The fields a body names, in order of first use. */
    public static Set<String> namedIn(String body) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher matcher = FIELD.matcher(body);
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return fields;
    }

    /** The fields a body names that do not exist; empty when the body is fine. */
    public static List<String> unknownIn(String body) {
        List<String> unknown = new ArrayList<>();
        for (String field : namedIn(body)) {
            if (!KNOWN.containsKey(field)) {
                unknown.add(field);
            }
        }
        return unknown;
    }

    /** The values of the fields for a record and a seller; a field without a value is absent. */
    public static Map<String, String> valuesFor(String recordName, String sellerName) {
        Map<String, String> values = new java.util.HashMap<>();
        putIfPresent(values, "record.name", recordName);
        putIfPresent(values, "record.firstName", firstWord(recordName));
        putIfPresent(values, "seller.name", sellerName);
        putIfPresent(values, "seller.firstName", firstWord(sellerName));
        return values;
    }

    /**
     * Fills the body.
     *
     * @throws IllegalArgumentException naming the fields that have no value
     */
    public static String fill(String body, Map<String, String> values) {
        List<String> missing = namedIn(body).stream().filter(f -> !values.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for the merge field" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(f -> "{{" + f + "}}").toList()));
        }
        Matcher matcher = FIELD.matcher(body);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static void putIfPresent(Map<String, String> values, String field, String value) {
        if (value != null && !value.isBlank()) {
            values.put(field, value.strip());
        }
    }

    private static String firstWord(String name) {
        return name == null || name.isBlank() ? null : name.strip().split("\\s+")[0];
    }
}
