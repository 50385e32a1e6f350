package dev.textbridge.crm.api;

/**
 * The CRM could not be reached or refused the call as a whole (network, outage, expired credentials that could
 * not be renewed, API limit). Nothing of the call took effect, or what did is idempotent; the caller retries later.
 */
public class CrmUnavailableException extends RuntimeException {
    public CrmUnavailableException(String message) {
        super(message);
    }

    public CrmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
