package dev.textbridge.connector.outbound;

/** The provider could not be reached or failed on its side; whether it took the text is not known. */
public class ProviderUnavailableException extends RuntimeException {
    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
