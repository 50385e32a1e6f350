package dev.textbridge.connector.conversation;

import dev.textbridge.connector.conversation.ConversationStore.MessageLink;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.ActivityMoveResult;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a conversation to another record (product-spec F5): its CRM activities are re-linked in one batched call,
 * then the store follows message by message, so that a partial CRM failure leaves the messages whose activity did
 * not move on the old record, on both sides. The conversations on both records are rebuilt from the messages they
 * hold; a conversation the target already had with the customer on that number merges with the moved one.
 */
public class ConversationMover {

    private final ConversationStore conversations;
    private final CrmAdapter crm;
    private final Clock clock;

    public ConversationMover(ConversationStore conversations, CrmAdapter crm, Clock clock) {
        this.conversations = conversations;
        this.crm = crm;
        this.clock = clock;
    }

    /**
     * @param conversationId the conversation on the target afterwards, empty when nothing could move
     * @param failed         activity id to the CRM's reason, for the messages that stayed behind
     */
    public record Outcome(Optional<Long> conversationId, Map<String, String> failed) {
    }

    public Outcome move(ConversationSummary conversation, CrmRecord target) {
        List<MessageLink> messages = conversations.messagesOf(conversation);
        List<ActivityMove> moves = new ArrayList<>();
        for (MessageLink message : messages) {
            if (message.activityId() != null) {
                moves.add(new ActivityMove(message.activityId(), target.ref()));
            }
        }
        Map<String, String> failed = new HashMap<>();
        for (ActivityMoveResult result : moves.isEmpty() ? List.<ActivityMoveResult>of() : crm.moveActivities(moves)) {
            if (!result.isMoved()) {
                failed.put(result.activityId(), result.error());
            }
        }
        for (MessageLink message : messages) {
            // A message without an activity yet is written on the target when its turn comes.
            if (message.activityId() == null || !failed.containsKey(message.activityId())) {
                conversations.relink(message, target.ref(), target.name());
            }
        }
        conversations.rebuild(conversation.customerNumber(), conversation.businessNumber(), conversation.record(),
                conversation.recordName(), conversation.ownerId(), clock.instant());
        Optional<Long> moved = conversations.rebuild(conversation.customerNumber(), conversation.businessNumber(),
                target.ref(), target.name(), target.ownerId(), clock.instant());
        return new Outcome(moved, failed);
    }
}
