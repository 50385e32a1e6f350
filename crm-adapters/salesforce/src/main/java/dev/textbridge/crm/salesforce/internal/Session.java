package dev.textbridge.crm.salesforce.internal;

import java.util.function.Supplier;

/** The current access token: fetched on first use, renewed once when Salesforce rejects it. Thread-safe. */
public final class Session {

    private final Supplier<AccessToken> fetch;
    private AccessToken current;

    public Session(Supplier<AccessToken> fetch) {
        this.fetch = fetch;
    }

    public synchronized AccessToken current() {
        if (current == null) {
            current = fetch.get();
        }
        return current;
    }

    /** A new token in place of the rejected one; when another thread has renewed it already, that one. */
    public synchronized AccessToken renew(AccessToken rejected) {
        if (current == null || current.equals(rejected)) {
            current = null;
            current = fetch.get();
        }
        return current;
    }
}
