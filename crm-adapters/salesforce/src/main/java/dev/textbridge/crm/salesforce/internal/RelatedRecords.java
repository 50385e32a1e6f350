package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A contact's opportunities (through its contact roles), an account's opportunities, an opportunity's contacts and
 * account: one SOQL per record type asked for, the related records read in the same query.
 */
public final class RelatedRecords {

    private static final String OPPORTUNITY_FIELDS = "Name, OwnerId, IsClosed, LastModifiedDate";
    private static final Map<RecordType, String> SELECT = Map.of(
            RecordType.CONTACT, "SELECT Id, (SELECT OpportunityId, Opportunity.Name, Opportunity.OwnerId,"
                    + " Opportunity.IsClosed, Opportunity.LastModifiedDate FROM OpportunityContactRoles) FROM Contact",
            RecordType.ACCOUNT, "SELECT Id, (SELECT Id, " + OPPORTUNITY_FIELDS + " FROM Opportunities) FROM Account",
            RecordType.OPPORTUNITY, "SELECT Id, AccountId, Account.Name, Account.OwnerId, Account.LastModifiedDate,"
                    + " (SELECT ContactId, Contact.Name, Contact.OwnerId, Contact.LastModifiedDate"
                    + " FROM OpportunityContactRoles) FROM Opportunity",
            RecordType.LEAD, "SELECT Id FROM Lead");

    private final PartnerClient partner;

    public RelatedRecords(PartnerClient partner) {
        this.partner = partner;
    }

    public Map<RecordRef, List<CrmRecord>> find(Set<RecordRef> refs) {
        Map<RecordType, List<RecordRef>> byType = refs.stream().collect(Collectors.groupingBy(RecordRef::type,
                () -> new EnumMap<>(RecordType.class), Collectors.toList()));
        Map<RecordRef, List<CrmRecord>> found = new LinkedHashMap<>();
        byType.forEach((type, asked) -> {
            Function<String, RecordRef> askedFor = Records.refsAskedFor(asked);
            for (List<RecordRef> chunk : Soql.chunks(asked, Soql.IDS_PER_QUERY)) {
                String soql = SELECT.get(type) + " WHERE Id IN " + Soql.in(chunk.stream().map(RecordRef::id).toList());
                for (SObject record : partner.query("read records related to " + type.wireName() + "s", soql)) {
                    RecordRef ref = askedFor.apply(record.getId());
                    if (ref != null) {
                        found.put(ref, related(type, record).stream()
                                .sorted(Comparator.comparing(CrmRecord::name).thenComparing(r -> r.ref().id()))
                                .toList());
                    }
                }
            }
        });
        return found;
    }

    private static List<CrmRecord> related(RecordType type, SObject record) {
        List<CrmRecord> related = new ArrayList<>();
        switch (type) {
            case CONTACT -> Records.children(record, "OpportunityContactRoles").forEach(role ->
                    Records.parent(role, "Opportunity").ifPresent(opportunity -> related.add(opportunity(
                            Records.text(role, "OpportunityId"), opportunity))));
            case ACCOUNT -> Records.children(record, "Opportunities").forEach(opportunity ->
                    related.add(opportunity(Records.text(opportunity, "Id"), opportunity)));
            case OPPORTUNITY -> {
                Records.children(record, "OpportunityContactRoles").forEach(role ->
                        Records.parent(role, "Contact").ifPresent(contact -> related.add(always(
                                new RecordRef(RecordType.CONTACT, Records.text(role, "ContactId")), contact))));
                String accountId = Records.text(record, "AccountId");
                if (accountId != null) {
                    Records.parent(record, "Account").ifPresent(account -> related.add(always(
                            new RecordRef(RecordType.ACCOUNT, accountId), account)));
                }
            }
            case LEAD -> { }
        }
        return related.stream().distinct().toList();
    }

    private static CrmRecord opportunity(String id, XmlObject opportunity) {
        return new CrmRecord(new RecordRef(RecordType.OPPORTUNITY, id), Records.text(opportunity, "Name"),
                Records.text(opportunity, "OwnerId"), !Records.bool(opportunity, "IsClosed"),
                Records.instant(opportunity, "LastModifiedDate"));
    }

    /** Contacts and accounts are always active (Salesforce has no standard flag for them). */
    private static CrmRecord always(RecordRef ref, XmlObject record) {
        return new CrmRecord(ref, Records.text(record, "Name"), Records.text(record, "OwnerId"), true,
                Records.instant(record, "LastModifiedDate"));
    }
}
