package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordPhone;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import dev.textbridge.mappings.model.PhoneNumber;

import java.util.ArrayList;
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
    private final Map<RecordType, List<String>> phoneFields;
    private final String region;

    public RecordLookup(PartnerClient partner, Set<String> closedLeadStatuses,
                        Map<RecordType, List<String>> phoneFields, String region) {
        this.partner = partner;
        this.closedLeadStatuses = closedLeadStatuses;
        this.phoneFields = phoneFields;
        this.region = region;
    }

    public Map<RecordRef, CrmRecord> find(Set<RecordRef> refs) {
        Map<RecordType, List<RecordRef>> byType = refs.stream().collect(Collectors.groupingBy(RecordRef::type,
                () -> new EnumMap<>(RecordType.class), Collectors.toList()));
        Map<RecordRef, CrmRecord> found = new LinkedHashMap<>();
        byType.forEach((type, asked) -> {
            Function<String, RecordRef> askedFor = Records.refsAskedFor(asked);
            for (List<RecordRef> chunk : Soql.chunks(asked, Soql.IDS_PER_QUERY)) {
                String soql = selectWithPhones(type) + " WHERE Id IN "
                        + Soql.in(chunk.stream().map(RecordRef::id).toList());
                for (SObject record : partner.query("read " + type.wireName() + " records", soql)) {
                    RecordRef ref = askedFor.apply(record.getId());
                    if (ref != null) {
                        CrmRecord bare = toRecord(ref, record);
                        found.put(ref, new CrmRecord(ref, bare.name(), bare.ownerId(), bare.active(),
                                bare.lastModified(), phonesOf(type, record)));
                    }
                }
            }
        });
        return found;
    }

    /**
     * {@link #SELECT} with the configured phone fields; an opportunity's are its primary contact's (through its
     * contact roles) and its account's.
     */
    private String selectWithPhones(RecordType type) {
        String select = SELECT.get(type);
        String head = select.substring(0, select.indexOf(" FROM "));
        List<String> items = new ArrayList<>();
        if (type == RecordType.OPPORTUNITY) {
            fields(RecordType.ACCOUNT).forEach(field -> items.add("Account." + field));
            List<String> contactFields = fields(RecordType.CONTACT).stream().map(field -> "Contact." + field).toList();
            if (!contactFields.isEmpty()) {
                items.add("(SELECT ContactId, " + String.join(", ", contactFields)
                        + " FROM OpportunityContactRoles WHERE IsPrimary = true)");
            }
        } else {
            items.addAll(fields(type));
        }
        return items.isEmpty() ? select
                : head + ", " + String.join(", ", items) + select.substring(select.indexOf(" FROM "));
    }

    private List<RecordPhone> phonesOf(RecordType type, XmlObject record) {
        if (type != RecordType.OPPORTUNITY) {
            return phones("", fields(type), record);
        }
        List<RecordPhone> phones = new ArrayList<>();
        Records.children(record, "OpportunityContactRoles").stream().findFirst()
                .flatMap(role -> Records.parent(role, "Contact"))
                .ifPresent(contact -> phones.addAll(phones("contact.", fields(RecordType.CONTACT), contact)));
        Records.parent(record, "Account")
                .ifPresent(account -> phones.addAll(phones("account.", fields(RecordType.ACCOUNT), account)));
        return phones;
    }

    private List<RecordPhone> phones(String path, List<String> fields, XmlObject record) {
        List<RecordPhone> phones = new ArrayList<>();
        for (String field : fields) {
            String text = Records.text(record, field);
            if (text != null && !text.isBlank()) {
                phones.add(new RecordPhone(path + PhoneFields.logicalName(field), text,
                        PhoneNumber.tryParse(text, region).orElse(null)));
            }
        }
        return phones;
    }

    private List<String> fields(RecordType type) {
        return phoneFields.getOrDefault(type, List.of());
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
