package dev.textbridge.crm.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A record found by its {@link RecordRef}, with what routing and the seller screens need of it, whether or not any
 * of its phone fields holds a customer's number (a seller may have moved a conversation onto it).
 *
 * @param ref          the record
 * @param name         its display name
 * @param ownerId      the user or team that owns it
 * @param active       the CRM's own notion: an open lead, an open opportunity, an active contact or account
 * @param lastModified when the record was last changed in the CRM
 * @see CrmAdapter#findRecords
 */
public record CrmRecord(RecordRef ref, String name, String ownerId, boolean active, Instant lastModified) {
    public CrmRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
