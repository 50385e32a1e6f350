package dev.textbridge.connector.conversation;

import dev.textbridge.connector.numbers.BusinessNumber;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.crm.api.CrmUser;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a seller may see (product-spec F3): a conversation whose business number, or whose record, is assigned to
 * the seller or to one of the seller's teams.
 *
 * @param businessNumbers the numbers assigned to the seller and their teams, E.164
 * @param owners          the seller's user id and team ids
 */
public record SellerScope(String sellerId, Set<String> businessNumbers, Set<String> owners) {

    public static SellerScope of(CrmUser seller, BusinessNumbers numbers) {
        Set<String> owners = new HashSet<>(seller.teamIds());
        owners.add(seller.id());
        return new SellerScope(seller.id(), numbers.assignedTo(seller.id(), seller.teamIds()).stream()
                .map(BusinessNumber::number).map(n -> n.value()).collect(Collectors.toUnmodifiableSet()), Set.copyOf(owners));
    }

    public boolean sees(ConversationSummary conversation) {
        return businessNumbers.contains(conversation.businessNumber()) || owns(conversation.ownerId());
    }

    public boolean owns(String ownerId) {
        return ownerId != null && owners.contains(ownerId);
    }
}
