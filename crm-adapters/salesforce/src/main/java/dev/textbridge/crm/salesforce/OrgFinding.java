package dev.textbridge.crm.salesforce;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing the org lacks, in plain words, from {@link SalesforceCrm#checkOrg()}.
 *
 * @param severity what it costs: with an {@link Severity#ERROR} a part of the product does not work (texts cannot be
 *                 written, which leaves them waiting in the inbox, or sellers are not notified); with a
 *                 {@link Severity#WARNING} an option or a safety net is missing
 * @param setting  the configuration key or setup step concerned, e.g. {@code textbridge.crm.salesforce.notification-type}
 * @param subject  what is missing, e.g. {@code Task.Textbridge_Key__c}
 * @param message  what is wrong and what to do, e.g. "is missing: deploy the setup kit (README step 2)"
 */
public record OrgFinding(Severity severity, String setting, String subject, String message) {

    /** How much a finding costs. */
    public enum Severity {
        ERROR, WARNING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OrgFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity.wireName() + ": " + subject + " " + message;
    }
}
