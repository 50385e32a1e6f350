package dev.textbridge.connector.outbound;

/** A send request refused before anything was recorded, with the reason the seller reads. */
public class SendRefusedException extends RuntimeException {

    /** What kind of refusal, which the API turns into its status code. */
    public enum Kind { INVALID_REQUEST, NOT_YOUR_NUMBER, NO_SUCH_RECORD, UNKNOWN_SELLER }

    private final Kind kind;

    public SendRefusedException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
