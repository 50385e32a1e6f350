package dev.textbridge.mappings.model;

/** Which way a message went: from a customer to a business number, or from a seller to a customer. */
public enum Direction {
    INBOUND, OUTBOUND;

    /** The lower-case name used in JSON and in the store. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
