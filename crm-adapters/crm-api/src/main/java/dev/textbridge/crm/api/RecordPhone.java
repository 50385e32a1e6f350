package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.PhoneNumber;

import java.util.Objects;

/**
 * One phone field of a record, for a seller choosing which of the customer's numbers to text.
 *
 * @param field  the field as the field mapping names it ({@code business}, {@code mobile}, ...); for an opportunity,
 *               the path through its contact or account ({@code contact.mobile}, {@code account.business})
 * @param text   the value as the CRM holds it (free text)
 * @param number the value normalised, or null when it is not a number a text can go to
 */
public record RecordPhone(String field, String text, PhoneNumber number) {
    public RecordPhone {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
    }
}
