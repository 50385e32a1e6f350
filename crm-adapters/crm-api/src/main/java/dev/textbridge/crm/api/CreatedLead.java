package dev.textbridge.crm.api;

/**
 * The lead a draft's {@link NewLead} became: the one created for its request key, by this call or an earlier one.
 *
 * @param name the lead's display name as the CRM holds it
 */
public record CreatedLead(String requestKey, RecordRef ref, String name) {
}
