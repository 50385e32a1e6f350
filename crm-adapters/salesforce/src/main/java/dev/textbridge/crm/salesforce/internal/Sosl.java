package dev.textbridge.crm.salesforce.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.textbridge.mappings.model.PhoneNumber;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SOSL phone searches: the terms a number is searched by, each escaped, and the statement around them. */
public final class Sosl {

    /** Salesforce's reserved characters in a SOSL search term; each is escaped with a backslash. */
    static final String RESERVED = "?&|!{}[]()^~*:\\\"'+-";
    /** Rows one search answers at most. */
    public static final int MAX_ROWS = 2000;
    /**
     * Longest search expression we send: above 4,000 characters Salesforce turns AND into OR, above 10,000 it answers
     * nothing; staying under 4,000 keeps every statement well defined.
     */
    static final int MAX_EXPRESSION = 3900;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Sosl() {
    }

    /** The term with every reserved character prefixed by a backslash. */
    public static String escape(String term) {
        StringBuilder out = new StringBuilder(term.length() + 8);
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * What a number is searched by: its national digits ({@code 5550100200}, how Salesforce's own examples search
     * phones) and its E.164 form ({@code +15550100200}). Every hit is re-checked, so a generous search costs nothing.
     */
    public static Set<String> termsFor(PhoneNumber number) {
        Set<String> terms = new LinkedHashSet<>();
        nationalDigits(number).ifPresent(terms::add);
        terms.add(number.value());
        return terms;
    }

    /** The national significant number's digits, for E.164 numbers. */
    static Optional<String> nationalDigits(PhoneNumber number) {
        try {
            return Optional.of(UTIL.getNationalSignificantNumber(UTIL.parse(number.value(), null)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** {@code FIND {t1 OR t2 ...} IN PHONE FIELDS RETURNING <returning> LIMIT 2000}, terms escaped. */
    public static String phoneSearch(List<String> terms, String returning) {
        return "FIND {" + expression(terms) + "} IN PHONE FIELDS RETURNING " + returning + " LIMIT " + MAX_ROWS;
    }

    static String expression(List<String> terms) {
        return String.join(" OR ", terms.stream().map(Sosl::escape).toList());
    }

    /** The numbers in groups whose search expression stays under {@link #MAX_EXPRESSION} characters. */
    public static List<List<PhoneNumber>> groups(List<PhoneNumber> numbers) {
        List<List<PhoneNumber>> groups = new ArrayList<>();
        List<PhoneNumber> group = new ArrayList<>();
        int length = 0;
        for (PhoneNumber number : numbers) {
            int cost = expression(List.copyOf(termsFor(number))).length() + 4;
            if (!group.isEmpty() && length + cost > MAX_EXPRESSION) {
                groups.add(group);
                group = new ArrayList<>();
                length = 0;
            }
            group.add(number);
            length += cost;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
