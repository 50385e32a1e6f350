package dev.textbridge.crm.salesforce.internal;

import java.io.IOException;

/** Salesforce answered a SOAP call with an HTTP status that carries no SOAP fault (429, 503, a gateway's 502...). */
public final class HttpStatusException extends IOException {

    private final int status;

    public HttpStatusException(int status, String retryAfter) {
        super("HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
