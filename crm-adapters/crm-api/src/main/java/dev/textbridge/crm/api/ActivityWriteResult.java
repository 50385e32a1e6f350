package dev.textbridge.crm.api;

/**
 * What became of one {@link ActivityDraft}: either the CRM's activity id, or why it was not written.
 *
 * @param retryable for a failure, whether the same draft may succeed later (a lock, a limit) or never will
 *                  (a deleted record, a rejected field)
 */
public record ActivityWriteResult(String externalKey, String activityId, String error, boolean retryable) {

    public static ActivityWriteResult written(String externalKey, String activityId) {
        return new ActivityWriteResult(externalKey, activityId, null, false);
    }

    public static ActivityWriteResult failed(String externalKey, String error, boolean retryable) {
        return new ActivityWriteResult(externalKey, null, error, retryable);
    }

    public boolean isWritten() {
        return activityId != null;
    }
}
