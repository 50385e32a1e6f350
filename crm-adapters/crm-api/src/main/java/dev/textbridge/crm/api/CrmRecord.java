package dev.textbridge.crm.api;

import java.time.Instant;
import java.util.List;
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
 * @param phones       its phone fields that hold a value, in the CRM's field order (for an opportunity, its contact's
 *                     then its account's); empty where the adapter was not asked for them
 * @see CrmAdapter#findRecords
 */
public record CrmRecord(RecordRef ref, String name, String ownerId, boolean active, Instant lastModified,
                        List<RecordPhone> phones) {
    public CrmRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(lastModified, "lastModified");
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    /** A record described without its phones (search results, related records). */
    public CrmRecord(RecordRef ref, String name, String ownerId, boolean active, Instant lastModified) {
        this(ref, name, ownerId, active, lastModified, List.of());
    }

    /** The phone field of that name, if the record has one holding a value. */
    public java.util.Optional<RecordPhone> phone(String field) {
        return phones.stream().filter(phone -> phone.field().equals(field)).findFirst();
    }
}
