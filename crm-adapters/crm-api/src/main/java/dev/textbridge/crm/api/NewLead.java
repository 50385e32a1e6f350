package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.PhoneNumber;

import java.util.Objects;

/**
 * A lead to create for a number no record carries, together with the text that needs it
 * ({@link ActivityDraft#newLead()}).
 * <p>
 * The adapter makes it a lead the CRM accepts and an admin recognises: it writes the number to the lead's mobile phone
 * field, sets the lead source to {@value #LEAD_SOURCE}, and fills the fields the CRM requires that a text cannot
 * (such as a Salesforce lead's company) with placeholders, e.g. a company of {@code Unknown (SMS)}.
 *
 * @param requestKey makes creation idempotent: a draft naming a key already used goes on the lead created first
 *                   (the connector uses the key of the message that caused it, so a retry after a crash never
 *                   creates a second lead)
 * @param phone      the customer's number, written to the lead's mobile phone field
 * @param ownerId    the user or team that will own the lead
 * @param name       the lead's display name; where the CRM splits a person's name, the adapter writes it to the
 *                   part the CRM requires (a Salesforce lead's last name)
 */
public record NewLead(String requestKey, PhoneNumber phone, String ownerId, String name) {

    /** The lead source of every lead the connector creates, so that an admin can tell them apart. */
    public static final String LEAD_SOURCE = "SMS";

    public NewLead {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(name, "name");
    }
}
