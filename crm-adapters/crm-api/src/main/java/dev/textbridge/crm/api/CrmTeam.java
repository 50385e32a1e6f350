package dev.textbridge.crm.api;

import java.util.Set;

/** A CRM team (a Salesforce queue or public group, a Dataverse team) and its members' user ids. */
public record CrmTeam(String id, String name, Set<String> memberIds) {
    public CrmTeam {
        memberIds = Set.copyOf(memberIds);
    }
}
