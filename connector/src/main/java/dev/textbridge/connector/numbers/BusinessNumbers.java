package dev.textbridge.connector.numbers;

import dev.textbridge.connector.routing.Seller;
import dev.textbridge.mappings.model.PhoneNumber;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The configured business numbers, looked up by number and by seller. */
public final class BusinessNumbers {

    private final Map<PhoneNumber, BusinessNumber> byNumber = new LinkedHashMap<>();

    public BusinessNumbers(Collection<BusinessNumber> numbers) {
        for (BusinessNumber number : numbers) {
            byNumber.putIfAbsent(number.number(), number);
        }
    }

    public Optional<BusinessNumber> find(PhoneNumber number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** The seller the number is assigned to, or empty when it is not configured or assigned to nobody. */
    public Optional<Seller> sellerOf(PhoneNumber number) {
        return find(number).map(BusinessNumber::seller);
    }

    /**
     * The numbers whose conversations count as the same seller's for routing rule 1: every number of the seller
     * that owns {@code number}, or just {@code number} when it is assigned to nobody.
     */
    public Set<PhoneNumber> sameSellerNumbers(PhoneNumber number) {
        Optional<Seller> seller = sellerOf(number);
        if (seller.isEmpty()) {
            return Set.of(number);
        }
        return byNumber.values().stream()
                .filter(n -> seller.get().equals(n.seller()))
                .map(BusinessNumber::number)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The numbers a seller may send from: the seller's own and those of the seller's teams. */
    public List<BusinessNumber> assignedTo(String userId, Set<String> teamIds) {
        return byNumber.values().stream()
                .filter(n -> n.seller() != null && (n.seller().isTeam() ? teamIds.contains(n.seller().id())
                        : n.seller().id().equals(userId)))
                .toList();
    }

    public List<BusinessNumber> all() {
        return List.copyOf(byNumber.values());
    }
}
