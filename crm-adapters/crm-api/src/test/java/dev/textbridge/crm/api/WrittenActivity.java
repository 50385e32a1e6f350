package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;

/**
 * An activity as the CRM holds it, read back by the adapter's test in its own way (the local CRM's view, the requests
 * a stub CRM received), so that the contract tests can see what a seller would see on the record.
 */
public record WrittenActivity(String id, Direction direction, String body, DeliveryStatus status,
                              FailureReason failureReason, String ownerId) {
}
