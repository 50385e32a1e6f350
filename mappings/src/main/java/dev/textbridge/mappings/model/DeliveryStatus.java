package dev.textbridge.mappings.model;

/**
 * Where an outbound message is on its way to the customer. States only move forward: a report of an earlier
 * state than the one recorded never replaces it.
 */
public enum DeliveryStatus {
    QUEUED(0, false),
    SENT(1, false),
    DELIVERED(2, true),
    UNDELIVERED(2, true),
    FAILED(2, true),
    READ(3, true);

    private final int rank;
    private final boolean terminal;

    DeliveryStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Whether a report of {@code next} may replace this status. */
    public boolean canAdvanceTo(DeliveryStatus next) {
        return next.rank > rank || (next == READ && this == DELIVERED);
    }
}
