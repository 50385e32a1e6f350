package dev.textbridge.mappings.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A party's address on an SMS channel: an E.164 phone number, a short code, or an alphanumeric sender id.
 * <p>
 * Free-text values as CRMs hold them ({@code (555) 010-0200}, {@code 555.010.0200}, {@code +1 555 010 0200},
 * {@code 001 555 010 0200}, with or without an extension) all normalise to one E.164 value, using the default
 * region for national formats. Short codes and alphanumeric sender ids are kept as they are, never forced into
 * E.164. Two instances are equal when they denote the same address.
 */
public final class PhoneNumber implements Comparable<PhoneNumber> {

    /** What kind of address a {@link PhoneNumber} is. */
    public enum Kind { E164, SHORT_CODE, ALPHANUMERIC }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{3,8}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern SENDER_ID_CHARACTERS = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]+");
    private static final Pattern CHANNEL_PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*");
    private static final Pattern EXTENSION = Pattern.compile("(?i)[\\s,;]*(?:ext\\.?|extension|x|#)\\s*\\d{1,7}$");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern FORMATTING = Pattern.compile("[\\s().\\-/]");

    /**
     * Addresses parsed before, by region and text: callbacks name the same few business numbers and returning
     * customers again and again, and libphonenumber's parse was 7% of the event loop's time. Emptied when full; a miss
     * costs only a parse. Refusals are not kept.
     */
    private static final int PARSED_KEPT = 10_000;
    private static final ConcurrentHashMap<String, PhoneNumber> PARSED = new ConcurrentHashMap<>();

    private final Kind kind;
    private final String value;

    private PhoneNumber(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * Parses a sender or recipient as a provider or a CRM writes it. Channel addresses ({@code whatsapp:+1…}),
     * numbers spelled with letters ({@code 1-800-FLOWERS}) and local numbers without an area code are refused.
     *
     * @param raw           the text as received
     * @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. {@code US}
     * @throws InvalidPhoneNumberException with a reason a person can act on, when the text is no address we accept
     */
    public static PhoneNumber parse(String raw, String defaultRegion) {
        if (raw == null) {
            return parseText(null, defaultRegion);
        }
        String key = defaultRegion + " " + raw;
        PhoneNumber known = PARSED.get(key);
        if (known != null) {
            return known;
        }
        PhoneNumber parsed = parseText(raw, defaultRegion);
        if (PARSED.size() >= PARSED_KEPT) {
            PARSED.clear();
        }
        PARSED.put(key, parsed);
        return parsed;
    }

    private static PhoneNumber parseText(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException(raw, "the number is empty");
        }
        String trimmed = raw.strip();
        if (SHORT_CODE.matcher(trimmed).matches()) {
            return new PhoneNumber(Kind.SHORT_CODE, trimmed);
        }
        if (ALPHANUMERIC.matcher(trimmed).matches() && !looksLikePhoneWithExtension(trimmed)) {
            return new PhoneNumber(Kind.ALPHANUMERIC, trimmed);
        }
        var channel = CHANNEL_PREFIX.matcher(trimmed);
        if (channel.matches()) {
            throw new InvalidPhoneNumberException(raw,
                    "it is a channel address (" + channel.group(1) + ":), not an SMS number");
        }
        String withoutExtension = EXTENSION.matcher(trimmed).replaceFirst("");
        // libphonenumber would read letters as a vanity number (1-800-FLOWERS) or skip them as noise.
        if (LETTER.matcher(withoutExtension).find()) {
            throw new InvalidPhoneNumberException(raw, SENDER_ID_CHARACTERS.matcher(trimmed).matches()
                    ? "it is longer than the 11 characters a sender id may have"
                    : "it mixes letters with other characters; a sender id has only letters, digits and spaces");
        }
        String compact = FORMATTING.matcher(withoutExtension).replaceAll("");
        // 00 is the international prefix almost everywhere but in North America, where libphonenumber expects 011.
        String candidate = compact.startsWith("00") ? "+" + compact.substring(2) : withoutExtension;
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(candidate, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(raw, reasonFor(e));
        }
        // Possible, not valid: fictional ranges such as 555-01xx must parse. Local-only lengths have no E.164 form.
        PhoneNumberUtil.ValidationResult possibility = UTIL.isPossibleNumberWithReason(parsed);
        if (possibility != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
            throw new InvalidPhoneNumberException(raw, reasonFor(possibility));
        }
        return new PhoneNumber(Kind.E164, UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** Like {@link #parse} but for free-text CRM values, where an unparseable value simply matches nothing. */
    public static Optional<PhoneNumber> tryParse(String raw, String defaultRegion) {
        try {
            return Optional.of(parse(raw, defaultRegion));
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    /** An address already normalised by this class, e.g. read back from the connector's own store. */
    public static PhoneNumber ofNormalised(String value) {
        Objects.requireNonNull(value, "value");
        if (value.startsWith("+")) {
            return new PhoneNumber(Kind.E164, value);
        }
        if (SHORT_CODE.matcher(value).matches()) {
            return new PhoneNumber(Kind.SHORT_CODE, value);
        }
        return new PhoneNumber(Kind.ALPHANUMERIC, value);
    }

    private static boolean looksLikePhoneWithExtension(String text) {
        return text.matches("(?i).*\\d{6,}.*(ext|x)\\s*\\d+.*");
    }

    private static String reasonFor(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "its country code is missing or unknown";
            case NOT_A_NUMBER -> "it is not a phone number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "it is too short";
            case TOO_LONG -> "it is too long";
        };
    }

    private static String reasonFor(PhoneNumberUtil.ValidationResult possibility) {
        return switch (possibility) {
            case TOO_SHORT -> "it is too short";
            case TOO_LONG -> "it is too long";
            case INVALID_COUNTRY_CODE -> "its country code is missing or unknown";
            case INVALID_LENGTH -> "it has the wrong number of digits for its country";
            case IS_POSSIBLE_LOCAL_ONLY -> "it has no area code";
            case IS_POSSIBLE -> "it is not a phone number";
        };
    }

    public Kind kind() {
        return kind;
    }

    public boolean isE164() {
        return kind == Kind.E164;
    }

    /** The normalised text: {@code +15550100200}, {@code 12345} or {@code ACME}. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && kind == other.kind && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(PhoneNumber o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
