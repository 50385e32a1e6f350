package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;
import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUser;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Users and teams: a team is a queue or a public group ({@code Group} of type {@code Queue} or {@code Regular}),
 * membership comes from {@code GroupMember} (direct members; nested groups are not expanded), and the SMS privilege
 * is an assignment of the configured permission set. Inactive users are treated as unknown.
 */
public final class UserDirectory {

    static final String TEAM_TYPES = "('Queue', 'Regular')";
    /** Key prefix of Group ids: such a member is a nested group, not a user. */
    static final String GROUP_PREFIX = "00G";

    private final PartnerClient partner;
    private final String smsPermissionSet;

    public UserDirectory(PartnerClient partner, String smsPermissionSet) {
        this.partner = partner;
        this.smsPermissionSet = smsPermissionSet;
    }

    public Map<String, CrmUser> findUsers(Set<String> userIds) {
        Function<String, String> askedFor = Records.askedFor(userIds, id -> id);
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> privileged = new HashSet<>();
        for (List<String> chunk : Soql.chunks(userIds, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, Name, (SELECT Id FROM PermissionSetAssignments WHERE PermissionSet.Name = "
                    + Soql.quote(smsPermissionSet) + ") FROM User WHERE IsActive = true AND Id IN " + Soql.in(chunk);
            for (SObject user : partner.query("read users", soql)) {
                String id = askedFor.apply(user.getId());
                if (id != null) {
                    names.put(id, Records.text(user, "Name"));
                    if (!Records.children(user, "PermissionSetAssignments").isEmpty()) {
                        privileged.add(id);
                    }
                }
            }
        }
        Map<String, Set<String>> teams = new HashMap<>();
        for (List<String> chunk : Soql.chunks(names.keySet(), Soql.IDS_PER_QUERY)) {
            String soql = "SELECT GroupId, UserOrGroupId FROM GroupMember WHERE UserOrGroupId IN " + Soql.in(chunk)
                    + " AND Group.Type IN " + TEAM_TYPES;
            for (SObject member : partner.query("read team memberships", soql)) {
                String id = askedFor.apply(Records.text(member, "UserOrGroupId"));
                if (id != null) {
                    teams.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(Records.text(member, "GroupId"));
                }
            }
        }
        Map<String, CrmUser> users = new LinkedHashMap<>();
        names.forEach((id, name) -> users.put(id,
                new CrmUser(id, name, teams.getOrDefault(id, Set.of()), privileged.contains(id))));
        return users;
    }

    public Map<String, CrmTeam> findTeams(Set<String> teamIds) {
        Function<String, String> askedFor = Records.askedFor(teamIds, id -> id);
        Map<String, CrmTeam> teams = new LinkedHashMap<>();
        for (List<String> chunk : Soql.chunks(teamIds, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, Name, (SELECT UserOrGroupId FROM GroupMembers) FROM Group WHERE Type IN "
                    + TEAM_TYPES + " AND Id IN " + Soql.in(chunk);
            for (SObject group : partner.query("read teams", soql)) {
                String id = askedFor.apply(group.getId());
                if (id == null) {
                    continue;
                }
                Set<String> members = new LinkedHashSet<>();
                for (XmlObject member : Records.children(group, "GroupMembers")) {
                    String memberId = Records.text(member, "UserOrGroupId");
                    if (memberId != null && !memberId.startsWith(GROUP_PREFIX)) {
                        members.add(memberId);
                    }
                }
                teams.put(id, new CrmTeam(id, Records.text(group, "Name"), members));
            }
        }
        return teams;
    }
}
