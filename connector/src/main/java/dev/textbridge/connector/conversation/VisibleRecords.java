package dev.textbridge.connector.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CRM records a seller may see (product-spec F3): owned by the seller or one of the seller's teams, or holding a
 * conversation on one of their business numbers. Records are read through a brief cache, since the panel reads the
 * same record again on every refresh and each read is a CRM API call.
 */
public final class VisibleRecords {

    private final CrmAdapter crm;
    private final ConversationStore conversations;
    private final Cache<RecordRef, Optional<CrmRecord>> records;
    private final Cache<RecordRef, List<CrmRecord>> related;

    public VisibleRecords(CrmAdapter crm, ConversationStore conversations, Duration timeToLive) {
        this.crm = crm;
        this.conversations = conversations;
        this.records = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(10_000).build();
        this.related = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(10_000).build();
    }

    /** The record, if it exists and the seller may see it. */
    public Optional<CrmRecord> find(SellerScope scope, RecordRef ref) {
        return records.get(ref, key -> Optional.ofNullable(crm.findRecords(Set.of(key)).get(key)))
                .filter(record -> sees(scope, record));
    }

    /** Whether the seller may see the record. */
    public boolean sees(SellerScope scope, CrmRecord record) {
        return scope.owns(record.ownerId()) || conversations.holdsConversation(record.ref(), scope.businessNumbers()
                .stream().map(PhoneNumber::ofNormalised).collect(Collectors.toSet()));
    }

    /** The records tied to a record the seller may see ({@link CrmAdapter#findRelatedRecords}), those they may see. */
    public List<CrmRecord> related(SellerScope scope, CrmRecord record) {
        return related.get(record.ref(), key -> {
            Map<RecordRef, List<CrmRecord>> found = crm.findRelatedRecords(Set.of(key));
            return found.getOrDefault(key, List.of());
        }).stream().filter(candidate -> sees(scope, candidate)).toList();
    }
}
