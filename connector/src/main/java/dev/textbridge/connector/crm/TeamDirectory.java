package dev.textbridge.connector.crm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmTeam;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Team memberships from the CRM, cached briefly so that routing a burst of texts to team numbers costs one CRM call,
 * not one per text.
 */
public class TeamDirectory {

    private final CrmAdapter crm;
    private final Cache<String, Set<String>> members;

    public TeamDirectory(CrmAdapter crm, Duration timeToLive) {
        this.crm = crm;
        this.members = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(10_000).build();
    }

    /** The members of each team; a team the CRM does not know has none. */
    public Map<String, Set<String>> membersOf(Set<String> teamIds) {
        return members.getAll(teamIds, missing -> {
            Map<String, CrmTeam> teams = crm.findTeams(Set.copyOf(missing));
            return missing.stream().collect(java.util.stream.Collectors.toMap(id -> id,
                    id -> teams.containsKey(id) ? teams.get(id).memberIds() : Set.of()));
        });
    }
}
