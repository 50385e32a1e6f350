package dev.textbridge.connector.inbox;

import java.util.Locale;

/** Where an inbound text is on its way from the webhook to the CRM; the wire names are part of the admin API. */
public enum InboxState {
    /** Stored and acknowledged; waiting for the flow. */
    RECEIVED,
    /** Its record is decided (and any lead created); the activity is not written yet. */
    ROUTED,
    /** Written to the CRM as an activity. Final. */
    WRITTEN,
    /** An attempt failed; another will follow. */
    RETRYING,
    /** Every attempt failed; waits for an admin's replay. Final. */
    DEAD,
    /** No record can hold it and none could be created. Final. */
    UNROUTABLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == WRITTEN || this == DEAD || this == UNROUTABLE;
    }

    public static InboxState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
