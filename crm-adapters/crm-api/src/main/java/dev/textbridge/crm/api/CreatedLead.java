package dev.textbridge.crm.api;

/** The result of {@link CrmAdapter#createLeads} for one {@link NewLead}. */
public record CreatedLead(String requestKey, RecordRef ref, String name) {
}
