package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.Objects;

/**
 * A record that carries a customer's number, with what routing needs to choose among several.
 *
 * @param ref          the record
 * @param name         its display name
 * @param ownerId      the user or team that owns it
 * @param active       the CRM's own notion: an open lead, an open opportunity, an active contact or account
 * @param lastModified when the record was last changed in the CRM
 * @param number       the number it matched, normalised
 * @param phoneField   the field that matched, as the field mapping names it ({@code business}, {@code mobile}, ...);
 *                     for an opportunity, the path through its contact or account ({@code contact.mobile})
 */
public record CandidateRecord(RecordRef ref, String name, String ownerId, boolean active, Instant lastModified,
                              PhoneNumber number, String phoneField) {
    public CandidateRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
