package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's SMS consent as a text of theirs changed it (STOP, START, or a provider's opt-out flag), to show on the
 * record it was routed to.
 *
 * @param customer  the customer's number
 * @param optedOut  true after an opt-out, false after an opt-in
 * @param at        when the customer's text arrived
 */
public record ConsentChange(RecordRef record, PhoneNumber customer, boolean optedOut, Instant at) {
    public ConsentChange {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
    }
}
