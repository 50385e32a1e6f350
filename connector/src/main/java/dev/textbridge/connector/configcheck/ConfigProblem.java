package dev.textbridge.connector.configcheck;

import java.util.Locale;

/**
 * One thing wrong with the configuration, in plain words.
 *
 * @param setting the configuration key concerned, e.g. {@code textbridge.numbers[0].seller}
 * @param subject the id or value concerned, e.g. {@code U-NOBODY}; may be null
 */
public record ConfigProblem(Severity severity, String setting, String subject, String message) {

    /** {@code fatal} stops the start (texts would be lost); the others are reported and the connector runs. */
    public enum Severity {
        FATAL, ERROR, WARNING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return severity.wireName() + ": " + setting + (subject == null ? "" : " (" + subject + ")") + ": " + message;
    }
}
