package dev.textbridge.crm.salesforce;

import java.util.List;

/**
 * What {@link SalesforceCrm#checkOrg()} found: nothing when the org has everything the connector needs.
 *
 * @param findings in the order they were found: login first, then objects and fields, then the notification type
 *                 and the sellers' permission set
 * @param apiCalls the API calls the check cost (the token request not included)
 */
public record OrgCheck(List<OrgFinding> findings, long apiCalls) {

    public OrgCheck {
        findings = List.copyOf(findings);
    }

    /** Whether everything works: no finding is an error. */
    public boolean isComplete() {
        return findings.stream().noneMatch(finding -> finding.severity() == OrgFinding.Severity.ERROR);
    }
}
