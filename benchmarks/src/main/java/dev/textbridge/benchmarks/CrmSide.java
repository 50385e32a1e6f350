package dev.textbridge.benchmarks;

import java.util.Map;
import java.util.Set;

/**
 * The CRM the connector writes to, as the harness sees it: how many API calls it has answered, and which texts it
 * holds as activities. The local CRM ({@link LocalCrmSide}) is read through the connector (its call-count gauge and its
 * read-only view); a Salesforce stand-in (a separate process answering like Salesforce, with a latency per call and a
 * journal of calls) would implement the same two questions from its own journal.
 */
interface CrmSide {

    /** A short name for reports: {@code local}, later {@code salesforce-stand-in}. */
    String name();

    /** CRM API calls answered so far (a running total; the harness takes differences). */
    long apiCalls();

    /**
     * What the CRM holds for the given customers: for each provider message id, how many activities carry it, and
     * for each customer number how many leads the connector created for it.
     */
    Holdings holdings(Set<String> customerNumbers) throws InterruptedException;

    record Holdings(Map<String, Integer> activitiesPerMessage, Map<String, Integer> createdLeadsPerNumber) {
    }
}
