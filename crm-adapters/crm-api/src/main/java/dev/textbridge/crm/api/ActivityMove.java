package dev.textbridge.crm.api;

import java.util.Objects;

/** Re-links one activity already written to another record, possibly of another type. */
public record ActivityMove(String activityId, RecordRef to) {
    public ActivityMove {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(to, "to");
    }
}
