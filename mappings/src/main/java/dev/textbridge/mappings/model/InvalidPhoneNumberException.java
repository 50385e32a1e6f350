package dev.textbridge.mappings.model;

/** A text that is not a phone number, short code or sender id we accept, with the reason why. */
public class InvalidPhoneNumberException extends IllegalArgumentException {

    private final String reason;

    public InvalidPhoneNumberException(String raw, String reason) {
        super("'" + raw + "' is not a number we accept: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
