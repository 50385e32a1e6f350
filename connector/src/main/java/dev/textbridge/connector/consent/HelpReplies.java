package dev.textbridge.connector.consent;

import dev.textbridge.connector.conversation.ConversationMessage;
import dev.textbridge.connector.outbound.ProviderUnavailableException;
import dev.textbridge.connector.outbound.TextSender;
import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Answers a customer's HELP with the text the admin configured ({@code textbridge.consent.help-reply}), once per HELP
 * message, from the business number it was sent to. Without a configured text, HELP is only recorded.
 */
public class HelpReplies {

    private static final Logger log = LoggerFactory.getLogger(HelpReplies.class);

    private final TextSender sender;
    private final ConsentStore consent;
    private final String reply;

    public HelpReplies(TextSender sender, ConsentStore consent, String reply) {
        this.sender = sender;
        this.consent = consent;
        this.reply = reply == null || reply.isBlank() ? null : reply.strip();
    }

    /**
     * @param written  inbound messages just written to the CRM, by their inbox id
     * @param received the same messages as their provider delivered them, by inbox id
     */
    public void answer(Map<Long, ConversationMessage> written, Map<Long, InboundMessage> received) {
        if (reply == null) {
            return;
        }
        written.forEach((inboxId, message) -> {
            if (consent.keywordOf(received.get(inboxId)).filter(k -> k == ConsentKeyword.HELP).isEmpty()) {
                return;
            }
            try {
                // Keyed by the HELP message, so a batch processed again after a crash answers it once.
                sender.sendAutomatic(message.record(), message.recordName(), message.businessNumber(),
                        message.customer(), reply, "help:" + inboxId);
            } catch (ProviderUnavailableException e) {
                log.warn("The answer to HELP message {} could not be sent yet: {}", inboxId, e.getMessage());
            }
        });
    }
}
