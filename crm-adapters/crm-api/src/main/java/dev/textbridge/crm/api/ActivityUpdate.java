package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;

import java.util.Objects;

/** A new delivery state for an activity already written. */
public record ActivityUpdate(String activityId, DeliveryStatus status, FailureReason failureReason) {
    public ActivityUpdate {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(status, "status");
    }
}
