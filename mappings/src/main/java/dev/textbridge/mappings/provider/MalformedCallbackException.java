package dev.textbridge.mappings.provider;

/** A callback whose signature is fine but whose content cannot be understood; the reason is shown to the caller. */
public class MalformedCallbackException extends RuntimeException {
    public MalformedCallbackException(String reason) {
        super(reason);
    }

    public MalformedCallbackException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
