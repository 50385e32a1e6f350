package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.PhoneNumber;

import java.util.Objects;

/**
 * A lead to create for a number no record carries.
 *
 * @param requestKey makes creation idempotent: creating again with the same key returns the lead created first
 *                   (the connector uses the key of the message that caused it, so a retry after a crash never
 *                   creates a second lead)
 * @param phone      the customer's number, written to the lead's mobile phone field
 * @param ownerId    the user or team that will own the lead
 * @param name       the lead's display name
 */
public record NewLead(String requestKey, PhoneNumber phone, String ownerId, String name) {
    public NewLead {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(name, "name");
    }
}
