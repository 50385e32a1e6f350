package dev.textbridge.mappings.crm;

import java.util.Locale;

/** What a mapping can put in a field of the activity object, or in a template as {@code {name}}. */
public enum ActivityAttribute {
    /** {@code Inbound} or {@code Outbound} */
    DIRECTION,
    /** the customer's number in E.164 (the sender of an inbound text, the recipient of an outbound one) */
    CUSTOMER_NUMBER,
    /** the business number in E.164 (the recipient of an inbound text, the sender of an outbound one) */
    BUSINESS_NUMBER,
    /** the text, followed by one {@code Media: <url>} line per attachment */
    BODY,
    /** when the text was received or sent, ISO 8601 in UTC to the millisecond ({@code 2026-11-25T09:00:00.250Z}) */
    TIME,
    /** the day of {@link #TIME} in UTC ({@code 2026-11-25}) */
    DATE,
    /** the delivery state of an outbound text ({@code SENT}, {@code DELIVERED}, {@code FAILED}...); updated later */
    DELIVERY_STATUS,
    /** why an outbound text was not delivered, in the seller's words; updated later */
    FAILURE_REASON,
    /** the SMS provider that carried the text ({@code twilio}) */
    PROVIDER,
    /** the provider's id of the message */
    PROVIDER_MESSAGE_ID;

    /** The name used in the mapping's YAML: lower case, words joined by hyphens. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a template may name it: not the body, and not what only becomes known after the activity is written. */
    public boolean isPlaceholder() {
        return this != BODY && this != DELIVERY_STATUS && this != FAILURE_REASON;
    }

    /** Whether it changes after the activity is written, so its field is updated as well as set on create. */
    public boolean isUpdated() {
        return this == DELIVERY_STATUS || this == FAILURE_REASON;
    }

    /** @return null when no attribute has that name */
    static ActivityAttribute fromWireName(String name) {
        for (ActivityAttribute attribute : values()) {
            if (attribute.wireName().equals(name)) {
                return attribute;
            }
        }
        return null;
    }
}
