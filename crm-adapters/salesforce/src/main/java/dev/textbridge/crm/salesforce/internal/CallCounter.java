package dev.textbridge.crm.salesforce.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the requests made to Salesforce and keeps the API usage it last reported. */
public final class CallCounter {

    /** API requests used and allowed in the org's rolling 24 hours, as Salesforce last reported them. */
    public record Usage(long used, long limit) {
    }

    private final AtomicLong apiCalls = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();
    private volatile Usage usage;

    void apiCall() {
        apiCalls.incrementAndGet();
    }

    void tokenRequest() {
        tokenRequests.incrementAndGet();
    }

    void usage(long used, long limit) {
        usage = new Usage(used, limit);
    }

    public long apiCalls() {
        return apiCalls.get();
    }

    public long tokenRequests() {
        return tokenRequests.get();
    }

    /** Null until a response reported it. */
    public Usage usage() {
        return usage;
    }
}
