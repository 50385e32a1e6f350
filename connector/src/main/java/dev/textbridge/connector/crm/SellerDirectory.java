package dev.textbridge.connector.crm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUser;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sellers behind API requests, with their teams and SMS privilege, cached briefly so that a seller's requests do
 * not each cost a CRM call.
 */
public class SellerDirectory {

    private final CrmAdapter crm;
    private final Cache<String, Optional<CrmUser>> users;

    public SellerDirectory(CrmAdapter crm, Duration timeToLive) {
        this.crm = crm;
        this.users = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(10_000).build();
    }

    /** The CRM users among these ids, in one CRM call for all those not cached; ids the CRM does not know are absent. */
    public Map<String, CrmUser> findAll(Set<String> userIds) {
        Map<String, CrmUser> found = new HashMap<>();
        users.getAll(userIds, missing -> {
            Map<String, CrmUser> known = crm.findUsers(Set.copyOf(missing));
            Map<String, Optional<CrmUser>> answers = new HashMap<>();
            missing.forEach(id -> answers.put(id, Optional.ofNullable(known.get(id))));
            return answers;
        }).forEach((id, user) -> user.ifPresent(u -> found.put(id, u)));
        return found;
    }

    /** The CRM user with this id, or empty when the CRM does not know it. */
    public Optional<CrmUser> find(String userId) {
        return users.get(userId, id -> Optional.ofNullable(crm.findUsers(Set.of(id)).get(id)));
    }
}
