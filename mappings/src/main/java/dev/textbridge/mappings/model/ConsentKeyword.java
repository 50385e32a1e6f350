package dev.textbridge.mappings.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The standard SMS keywords by which a customer opts out, opts back in or asks for help. A keyword counts only as the
 * whole message, in any case, trimmed.
 */
public enum ConsentKeyword {
    OPT_OUT(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT")),
    OPT_IN(Set.of("START", "YES", "UNSTOP")),
    HELP(Set.of("HELP", "INFO"));

    private final Set<String> words;

    ConsentKeyword(Set<String> words) {
        this.words = words;
    }

    /** The keyword a message body is, or empty when it is an ordinary text. */
    public static Optional<ConsentKeyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        for (ConsentKeyword keyword : values()) {
            if (keyword.words.contains(word)) {
                return Optional.of(keyword);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
