package dev.textbridge.crm.api;

/** What became of one {@link ActivityMove}: moved, or why not. */
public record ActivityMoveResult(String activityId, String error) {

    public static ActivityMoveResult moved(String activityId) {
        return new ActivityMoveResult(activityId, null);
    }

    public static ActivityMoveResult failed(String activityId, String error) {
        return new ActivityMoveResult(activityId, error);
    }

    public boolean isMoved() {
        return error == null;
    }
}
