package dev.textbridge.connector.flow;

import dev.textbridge.connector.conversation.ConversationMessage;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.crm.SellerDirectory;
import dev.textbridge.connector.crm.TeamDirectory;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.routing.Seller;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells sellers about new inbound texts through the CRM's in-app notifications (product-spec F8), in one CRM call per
 * batch: the record's owner, or a team's members; the number's seller when the record has no owner. A conversation
 * notifies at most once a minute. A recipient without the SMS privilege is told once what to ask the admin instead,
 * and the message's trace says so; the text itself is stored and routed all the same.
 */
public class InboundNotifier {

    static final Duration QUIET_PERIOD = Duration.ofMinutes(1);
    private static final int PREVIEW = 120;
    private static final Logger log = LoggerFactory.getLogger(InboundNotifier.class);

    private final CrmAdapter crm;
    private final ConversationStore conversations;
    private final SellerDirectory sellers;
    private final TeamDirectory teams;
    private final BusinessNumbers numbers;
    private final NotificationOutbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public InboundNotifier(CrmAdapter crm, ConversationStore conversations, SellerDirectory sellers, TeamDirectory teams,
                           BusinessNumbers numbers, NotificationOutbox outbox, TransactionTemplate transactions,
                           Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.crm = crm;
        this.conversations = conversations;
        this.sellers = sellers;
        this.teams = teams;
        this.numbers = numbers;
        this.clock = clock;
    }

    /**
     * Notifies about texts just written.
     *
     * @return per written text (by the caller's key), a notice for the trace when a recipient lacks the privilege
     */
    public <K> Map<K, String> notifyAbout(Map<K, ConversationMessage> written) {
        Instant now = clock.instant();
        List<Notification> notifications = new ArrayList<>();
        Map<K, String> notices = new LinkedHashMap<>();
        // Recipients first (their lookups may ask the CRM), then the claims of the whole batch in one commit: each
        // commit is a file write on H2, and none should wait on a CRM call.
        Map<K, Set<String>> recipients = recipientsOf(written);
        Map<String, CrmUser> users = sellers.findAll(recipients.values().stream().flatMap(Set::stream)
                .collect(java.util.stream.Collectors.toSet()));
        Map<K, Map<String, Boolean>> privileged = new LinkedHashMap<>();
        recipients.forEach((key, ids) -> {
            Map<String, Boolean> mayOpen = new LinkedHashMap<>();
            ids.forEach(id -> mayOpen.put(id, !users.containsKey(id) || users.get(id).smsPrivilege()));
            privileged.put(key, mayOpen);
        });
        transactions.executeWithoutResult(status -> {
            List<Boolean> turns = conversations.claimNotifications(List.copyOf(written.values()), now, QUIET_PERIOD);
            Iterator<Boolean> turn = turns.iterator();
            // A team member without the privilege is in every text to the team: asked about once per batch.
            Set<String> askedAboutNotice = new HashSet<>();
            written.forEach((key, message) -> {
                List<String> withoutPrivilege = new ArrayList<>();
                boolean notify = turn.next();
                privileged.get(key).forEach((recipient, mayOpen) -> {
                    if (!mayOpen) {
                        withoutPrivilege.add(recipient);
                        if (askedAboutNotice.add(recipient) && conversations.claimPrivilegeNotice(recipient, now)) {
                            notifications.add(new Notification(recipient, "You have a text you cannot open",
                                    "A customer texted " + message.businessNumber() + ", but you lack the SMS privilege. "
                                            + "Ask your CRM admin to grant it.", null));
                        }
                    } else if (notify) {
                        notifications.add(new Notification(recipient, "New text from " + message.customer(),
                                preview(message.body()), message.record()));
                    }
                });
                if (!withoutPrivilege.isEmpty()) {
                    notices.put(key, "not notified, no SMS privilege: " + String.join(", ", withoutPrivilege));
                }
            });
        });
        if (!notifications.isEmpty()) {
            try {
                crm.sendNotifications(notifications);
            } catch (CrmUnavailableException e) {
                // The texts are written; their notifications wait in the outbox rather than hold the texts back.
                log.warn("{} notifications could not be sent yet, kept to send again: {}", notifications.size(),
                        e.getMessage());
                outbox.keep(notifications);
            }
        }
        return notices;
    }

    /**
     * Per text, the record's owner or the members of the team that owns it; for a record without one, the number's
     * seller or the members of its team. One CRM call for the owners not cached (users first: most records are owned
     * by one, and that answer holds the privilege too), one for the teams among them and the numbers' teams.
     */
    private <K> Map<K, Set<String>> recipientsOf(Map<K, ConversationMessage> written) {
        Set<String> owners = new HashSet<>();
        written.values().forEach(message -> {
            if (message.ownerId() != null) {
                owners.add(message.ownerId());
            }
        });
        Map<String, CrmUser> ownerUsers = sellers.findAll(owners);
        Set<String> teamIds = new HashSet<>(owners);
        teamIds.removeAll(ownerUsers.keySet());
        Map<K, Optional<Seller>> numberSellers = new LinkedHashMap<>();
        written.forEach((key, message) -> {
            if (message.ownerId() == null) {
                Optional<Seller> seller = numbers.sellerOf(message.businessNumber());
                seller.filter(s -> s.kind() != Seller.Kind.USER).ifPresent(team -> teamIds.add(team.id()));
                numberSellers.put(key, seller);
            }
        });
        Map<String, Set<String>> members = teams.membersOf(teamIds);
        Map<K, Set<String>> recipients = new LinkedHashMap<>();
        written.forEach((key, message) -> {
            Set<String> ids = new LinkedHashSet<>();
            String owner = message.ownerId();
            if (owner != null) {
                Set<String> ownerMembers = members.getOrDefault(owner, Set.of());
                if (ownerMembers.isEmpty()) {
                    ids.add(owner);
                } else {
                    ids.addAll(ownerMembers);
                }
            } else {
                numberSellers.get(key).ifPresent(seller -> {
                    if (seller.kind() == Seller.Kind.USER) {
                        ids.add(seller.id());
                    } else {
                        ids.addAll(members.getOrDefault(seller.id(), Set.of()));
                    }
                });
            }
            recipients.put(key, ids);
        });
        return recipients;
    }

    private static String preview(String body) {
        return body.length() <= PREVIEW ? body : body.substring(0, PREVIEW - 1) + "…";
    }
}
