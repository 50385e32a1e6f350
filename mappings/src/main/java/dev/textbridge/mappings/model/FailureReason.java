package dev.textbridge.mappings.model;

/** Why a text was not delivered, in words a seller understands; every provider's error codes map onto these. */
public enum FailureReason {
    INVALID_SEND_PARAMETERS("Invalid send parameters"),
    UNREACHABLE_DESTINATION("Unknown or unreachable destination"),
    BLOCKED_BY_CARRIER("Blocked or filtered by carrier"),
    RECIPIENT_OPTED_OUT("Recipient opted out"),
    PROVIDER_ACCOUNT_PROBLEM("Provider account problem"),
    UNKNOWN("Unknown error");

    private final String text;

    FailureReason(String text) {
        this.text = text;
    }

    /** The sentence shown to the seller. */
    public String text() {
        return text;
    }
}
