package dev.textbridge.connector.outbound;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps the CRM's activities for sent texts in step with the store: writes the activities of new texts and the new
 * statuses of older ones, each kind in one batched CRM call. Writes are idempotent by the text's activity key, so
 * a crash or an outage only delays them.
 */
public class OutboundActivitySync {

    private static final Logger log = LoggerFactory.getLogger(OutboundActivitySync.class);
    /** The activity status recorded for an activity written without the failure reason its text has. */
    private static final String WITHOUT_REASON = "no-reason-yet";

    private final OutboundStore texts;
    private final CrmAdapter crm;

    public OutboundActivitySync(OutboundStore texts, CrmAdapter crm) {
        this.texts = texts;
        this.crm = crm;
    }

    /** @return how many activities were written or updated */
    public int syncPending(int max) {
        try {
            return writeNew(max) + updateStale(max);
        } catch (CrmUnavailableException e) {
            log.warn("Activities of sent texts wait for the CRM: {}", e.getMessage());
            return 0;
        }
    }

    private int writeNew(int max) {
        List<OutboundText> pending = texts.withoutActivity(max);
        if (pending.isEmpty()) {
            return 0;
        }
        List<ActivityDraft> drafts = pending.stream().map(OutboundActivitySync::draft).toList();
        List<ActivityWriteResult> results = crm.writeActivities(drafts);
        int written = 0;
        for (int i = 0; i < pending.size(); i++) {
            if (results.get(i).isWritten()) {
                OutboundText text = pending.get(i);
                // A draft carries no failure reason, so a failed text's activity is written, then updated with it.
                texts.recordActivity(text.id(), results.get(i).activityId(),
                        text.failureReason() == null ? text.status() : WITHOUT_REASON);
                written++;
            } else {
                log.warn("The CRM refused the activity of sent text {}: {}", pending.get(i).id(), results.get(i).error());
            }
        }
        return written;
    }

    private int updateStale(int max) {
        List<OutboundText> stale = texts.withStaleActivity(max);
        if (stale.isEmpty()) {
            return 0;
        }
        crm.updateActivities(stale.stream()
                .map(t -> new ActivityUpdate(t.activityId(), OutboundStore.statusOf(t.status()), t.failureReason()))
                .toList());
        stale.forEach(t -> texts.recordActivity(t.id(), t.activityId(), t.status()));
        return stale.size();
    }

    private static ActivityDraft draft(OutboundText text) {
        return new ActivityDraft(text.activityKey(), text.record(), Direction.OUTBOUND, PhoneNumber.ofNormalised(text.from()),
                PhoneNumber.ofNormalised(text.to()), text.body(), List.of(), text.createdAt(), text.provider(),
                text.providerMessageId(), OutboundStore.statusOf(text.status()),
                text.isAutomatic() ? null : text.sellerId());
    }
}
