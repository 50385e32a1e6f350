package dev.textbridge.crm.api;

import java.util.Set;

/** A CRM user: a seller or an admin, with the teams it belongs to and whether it holds the SMS privilege. */
public record CrmUser(String id, String name, Set<String> teamIds, boolean smsPrivilege) {
    public CrmUser {
        teamIds = Set.copyOf(teamIds);
    }
}
