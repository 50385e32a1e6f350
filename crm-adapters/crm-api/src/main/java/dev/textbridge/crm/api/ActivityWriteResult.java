package dev.textbridge.crm.api;

/**
 * What became of one {@link ActivityDraft}: either the CRM's activity id, or why it was not written.
 *
 * @param retryable for a failure, whether the same draft may succeed later (a lock, a limit) or never will
 *                  (a deleted record, a rejected field)
 * @param lead      for a written draft on a new lead ({@link ActivityDraft#newLead()}), the lead it went on; else null
 */
public record ActivityWriteResult(String externalKey, String activityId, String error, boolean retryable,
                                  CreatedLead lead) {

    public static ActivityWriteResult written(String externalKey, String activityId) {
        return new ActivityWriteResult(externalKey, activityId, null, false, null);
    }

    /** A draft on a new lead, written on that lead (created for it, or by an earlier call with the same key). */
    public static ActivityWriteResult written(String externalKey, String activityId, CreatedLead lead) {
        return new ActivityWriteResult(externalKey, activityId, null, false, lead);
    }

    public static ActivityWriteResult failed(String externalKey, String error, boolean retryable) {
        return new ActivityWriteResult(externalKey, null, error, retryable, null);
    }

    public boolean isWritten() {
        return activityId != null;
    }
}
