package dev.textbridge.benchmarks;

import java.util.Map;
import java.util.Set;

/**
 * The CRM the connector writes to, as the harness sees it: how many API calls it has answered, and which texts it
 * holds as activities. The local CRM ({@link LocalCrmSide}) is read through the connector (its call-count gauge and its
 * read-only view); the Salesforce stand-in ({@link SalesforceStandInSide}, a separate process answering like
 * Salesforce) through its own count of calls and its org's records.
 */
interface CrmSide {

    /** A short name for reports: {@code local}, {@code salesforce stand-in}. */
    String name();

    /** CRM API calls answered so far (a running total; the harness takes differences). */
    long apiCalls();

    /** Calls so far by kind ({@code soap search}, {@code soap create Task}, {@code token}...), where the CRM tells. */
    default Map<String, Long> callsByKind() {
        return Map.of();
    }

    /**
     * Milliseconds the CRM spent answering its calls so far beyond the latency it was told to add (a stand-in's own
     * processing, which shares the machine's cores with the connector), where the CRM tells; -1 otherwise.
     */
    default long answerMillis() {
        return -1;
    }

    /**
     * What the CRM holds for the given customers: for each provider message id, how many activities carry it, and
     * for each customer number how many leads the connector created for it.
     */
    Holdings holdings(Set<String> customerNumbers) throws InterruptedException;

    record Holdings(Map<String, Integer> activitiesPerMessage, Map<String, Integer> createdLeadsPerNumber) {
    }
}
