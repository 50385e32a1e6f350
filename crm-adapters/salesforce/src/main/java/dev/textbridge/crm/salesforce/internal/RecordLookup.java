package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Records by ref: one SOQL per record type asked for (more only past {@link Soql#IDS_PER_QUERY} ids). */
public final class RecordLookup {

    /** The fields a {@link CrmRecord} is made of, per type, up to {@code FROM <object>}. */
    static final Map<RecordType, String> SELECT = Map.of(
            RecordType.CONTACT, "SELECT Id, Name, OwnerId, LastModifiedDate FROM Contact",
            RecordType.ACCOUNT, "SELECT Id, Name, OwnerId, LastModifiedDate FROM Account",
            RecordType.OPPORTUNITY, "SELECT Id, Name, OwnerId, IsClosed, LastModifiedDate FROM Opportunity",
            RecordType.LEAD, "SELECT Id, Name, OwnerId, IsConverted, Status, LastModifiedDate FROM Lead");

    private final PartnerClient partner;
    private final Set<String> closedLeadStatuses;

    public RecordLookup(PartnerClient partner, Set<String> closedLeadStatuses) {
        this.partner = partner;
        this.closedLeadStatuses = closedLeadStatuses;
    }

    public Map<RecordRef, CrmRecord> find(Set<RecordRef> refs) {
        Map<RecordType, List<RecordRef>> byType = refs.stream().collect(Collectors.groupingBy(RecordRef::type,
                () -> new EnumMap<>(RecordType.class), Collectors.toList()));
        Map<RecordRef, CrmRecord> found = new LinkedHashMap<>();
        byType.forEach((type, asked) -> {
            Function<String, RecordRef> askedFor = Records.refsAskedFor(asked);
            for (List<RecordRef> chunk : Soql.chunks(asked, Soql.IDS_PER_QUERY)) {
                String soql = SELECT.get(type) + " WHERE Id IN " + Soql.in(chunk.stream().map(RecordRef::id).toList());
                for (SObject record : partner.query("read " + type.wireName() + " records", soql)) {
                    RecordRef ref = askedFor.apply(record.getId());
                    if (ref != null) {
                        found.put(ref, toRecord(ref, record));
                    }
                }
            }
        });
        return found;
    }

    /** The record as {@link #SELECT} read it, with the adapter's one rule for "active". */
    CrmRecord toRecord(RecordRef ref, SObject record) {
        return new CrmRecord(ref, Records.text(record, "Name"), Records.text(record, "OwnerId"),
                active(ref.type(), record), Records.instant(record, "LastModifiedDate"));
    }

    /** Contacts and accounts always; an opportunity while open; a lead while neither converted nor closed. */
    boolean active(RecordType type, SObject record) {
        return switch (type) {
            case CONTACT, ACCOUNT -> true;
            case OPPORTUNITY -> !Records.bool(record, "IsClosed");
            case LEAD -> !Records.bool(record, "IsConverted")
                    && !closedLeadStatuses.contains(Records.text(record, "Status"));
        };
    }
}
