package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.ConsentChange;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordPhone;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Contacts, accounts, opportunities and leads with their phones. Each phone is kept twice: as typed, for people, and
 * normalised to E.164 (indexed), for matching; a value that does not parse is kept as typed and matches nothing.
 */
final class RecordStore {

    private static final int CHUNK = 500;
    private static final String LEAD_PHONE_FIELD = "mobile";

    /**
     * Direct matches first, then opportunities through their contact and their account. Within a number, a record
     * comes once: in seed order, a direct field before the contact's before the account's, fields in seed order.
     */
    // One branch per path so that each join is driven by the phone index: an "or" in the opportunities' join made
    // H2 scan every phone row for every opportunity.
    private static final String CANDIDATES = """
            select * from (
                select r.seq as record_seq, r.id, r.type, r.name, r.owner_id, r.active, r.last_modified,
                       p.normalised, p.field as phone_field, 0 as path_order, p.field_order
                from local_crm_phone p
                join local_crm_record r on r.id = p.record_id
                where p.normalised in (%1$s)
                union all
                select o.seq, o.id, o.type, o.name, o.owner_id, o.active, o.last_modified,
                       p.normalised, 'contact.' || p.field, 1, p.field_order
                from local_crm_phone p
                join local_crm_record o on o.contact_id = p.record_id and o.type = 'opportunity'
                where p.normalised in (%1$s)
                union all
                select o.seq, o.id, o.type, o.name, o.owner_id, o.active, o.last_modified,
                       p.normalised, 'account.' || p.field, 2, p.field_order
                from local_crm_phone p
                join local_crm_record o on o.account_id = p.record_id and o.type = 'opportunity'
                where p.normalised in (%1$s)
            ) candidates
            order by normalised, record_seq, path_order, field_order
            """;

    private final String defaultRegion;

    RecordStore(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    boolean isEmpty(Connection connection) throws SQLException {
        return Database.query(connection, "select count(*) as records from local_crm_record", List.of(),
                row -> row.getLong("records")).get(0) == 0;
    }

    void insert(Connection connection, List<LocalRecord> records) throws SQLException {
        insert(connection, records, Map.of());
    }

    private void insert(Connection connection, List<LocalRecord> records, Map<String, String> requestKeyById)
            throws SQLException {
        Database.batch(connection, """
                insert into local_crm_record
                    (id, type, name, owner_id, active, last_modified, contact_id, account_id, source, request_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, records.stream().map(record -> Arrays.asList(record.id(), record.type().wireName(),
                record.name(), record.owner(), record.active(), record.lastModified(), record.contact(),
                record.account(), record.source(), requestKeyById.get(record.id()))).toList());
        List<List<Object>> phones = new ArrayList<>();
        for (LocalRecord record : records) {
            int order = 0;
            for (Map.Entry<String, String> phone : record.phones().entrySet()) {
                String normalised = PhoneNumber.tryParse(phone.getValue(), defaultRegion)
                        .map(PhoneNumber::value).orElse(null);
                phones.add(Arrays.asList(record.id(), phone.getKey(), order++, phone.getValue(), normalised));
            }
        }
        Database.batch(connection, """
                insert into local_crm_phone (record_id, field, field_order, raw_text, normalised)
                values (?, ?, ?, ?, ?)
                """, phones);
    }

    Map<PhoneNumber, List<CandidateRecord>> findCandidates(Connection connection, Set<PhoneNumber> numbers)
            throws SQLException {
        Map<PhoneNumber, List<CandidateRecord>> candidates = new LinkedHashMap<>();
        numbers.forEach(number -> candidates.put(number, new ArrayList<>()));
        Map<String, PhoneNumber> requested = new LinkedHashMap<>();
        numbers.forEach(number -> requested.put(number.value(), number));
        Map<PhoneNumber, Set<String>> recordsSeen = new LinkedHashMap<>();
        for (List<String> values : Database.chunks(List.copyOf(requested.keySet()), CHUNK)) {
            List<Object> parameters = new ArrayList<>(values);
            parameters.addAll(values);
            parameters.addAll(values);
            List<CandidateRecord> rows = Database.query(connection,
                    CANDIDATES.formatted(Database.placeholders(values.size())), parameters,
                    row -> new CandidateRecord(
                            new RecordRef(RecordType.fromWireName(row.getString("type")), row.getString("id")),
                            row.getString("name"), row.getString("owner_id"), row.getBoolean("active"),
                            Database.instant(row, "last_modified"), requested.get(row.getString("normalised")),
                            row.getString("phone_field")));
            for (CandidateRecord candidate : rows) {
                if (recordsSeen.computeIfAbsent(candidate.number(), n -> new HashSet<>()).add(candidate.ref().id())) {
                    candidates.get(candidate.number()).add(candidate);
                }
            }
        }
        candidates.replaceAll((number, list) -> List.copyOf(list));
        return candidates;
    }

    List<CrmRecord> search(Connection connection, String query, Set<RecordType> types, int limit) throws SQLException {
        List<String> params = new ArrayList<>();
        params.add("%" + query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        types.forEach(t -> params.add(t.wireName()));
        return Database.query(connection, """
                select id, type, name, owner_id, active, last_modified from local_crm_record
                where lower(name) like ? escape '\\' and type in (%s)
                order by case when lower(name) like ? escape '\\' then 0 else 1 end, name, id
                fetch first %d rows only
                """.formatted(Database.placeholders(types.size()), limit),
                concat(params, params.get(0).substring(1)), RecordStore::recordOf);
    }

    private static List<String> concat(List<String> params, String prefixPattern) {
        List<String> all = new ArrayList<>(params);
        all.add(prefixPattern);
        return all;
    }

    Map<RecordRef, CrmRecord> findRecords(Connection connection, Set<RecordRef> refs) throws SQLException {
        record Found(CrmRecord record, String contact, String account) {
        }
        List<Found> rows = new ArrayList<>();
        List<String> ids = refs.stream().map(RecordRef::id).distinct().toList();
        for (List<String> chunk : Database.chunks(ids, CHUNK)) {
            Database.query(connection, """
                    select id, type, name, owner_id, active, last_modified, contact_id, account_id
                    from local_crm_record where id in (%s)
                    """.formatted(Database.placeholders(chunk.size())), chunk,
                    row -> new Found(recordOf(row), row.getString("contact_id"), row.getString("account_id")))
                    .stream().filter(row -> refs.contains(row.record().ref()))
                    .forEach(rows::add);
        }
        Set<String> phoneOwners = new HashSet<>();
        rows.forEach(row -> {
            phoneOwners.add(row.record().ref().id());
            if (row.contact() != null) {
                phoneOwners.add(row.contact());
            }
            if (row.account() != null) {
                phoneOwners.add(row.account());
            }
        });
        Map<String, List<RecordPhone>> phones = phonesOf(connection, phoneOwners);
        Map<RecordRef, CrmRecord> found = new LinkedHashMap<>();
        for (Found row : rows) {
            List<RecordPhone> recordPhones = new ArrayList<>(phones.getOrDefault(row.record().ref().id(), List.of()));
            recordPhones.addAll(withPath("contact.", phones.get(row.contact())));
            recordPhones.addAll(withPath("account.", phones.get(row.account())));
            CrmRecord record = row.record();
            found.put(record.ref(), new CrmRecord(record.ref(), record.name(), record.ownerId(), record.active(),
                    record.lastModified(), recordPhones));
        }
        return found;
    }

    /** A contact's and an account's opportunities; an opportunity's contact and account; nothing for a lead. */
    Map<RecordRef, List<CrmRecord>> findRelated(Connection connection, Set<RecordRef> refs) throws SQLException {
        Map<RecordRef, List<CrmRecord>> related = new LinkedHashMap<>();
        for (RecordRef ref : findRecords(connection, refs).keySet()) {
            String sql = switch (ref.type()) {
                case CONTACT -> "select * from local_crm_record where type = 'opportunity' and contact_id = ?";
                case ACCOUNT -> "select * from local_crm_record where type = 'opportunity' and account_id = ?";
                case OPPORTUNITY -> """
                        select r.* from local_crm_record r join local_crm_record o
                            on r.id = o.contact_id or r.id = o.account_id
                        where o.id = ?""";
                case LEAD -> null;
            };
            List<CrmRecord> records = sql == null ? List.of()
                    : Database.query(connection, sql, List.of(ref.id()), RecordStore::recordOf);
            related.put(ref, records.stream()
                    .sorted(java.util.Comparator.comparing(CrmRecord::name).thenComparing(r -> r.ref().id())).toList());
        }
        return related;
    }

    private static CrmRecord recordOf(java.sql.ResultSet row) throws SQLException {
        return new CrmRecord(new RecordRef(RecordType.fromWireName(row.getString("type")), row.getString("id")),
                row.getString("name"), row.getString("owner_id"), row.getBoolean("active"),
                Database.instant(row, "last_modified"));
    }

    private Map<String, List<RecordPhone>> phonesOf(Connection connection, Set<String> recordIds) throws SQLException {
        Map<String, List<RecordPhone>> phones = new LinkedHashMap<>();
        for (List<String> chunk : Database.chunks(List.copyOf(recordIds), CHUNK)) {
            Database.query(connection, """
                    select record_id, field, raw_text, normalised from local_crm_phone where record_id in (%s)
                    order by record_id, field_order
                    """.formatted(Database.placeholders(chunk.size())), chunk,
                    row -> Map.entry(row.getString("record_id"), new RecordPhone(row.getString("field"),
                            row.getString("raw_text"), PhoneNumber.tryParse(row.getString("raw_text"), defaultRegion)
                            .orElse(null))))
                    .forEach(phone -> phones.computeIfAbsent(phone.getKey(), id -> new ArrayList<>())
                            .add(phone.getValue()));
        }
        return phones;
    }

    private static List<RecordPhone> withPath(String path, List<RecordPhone> phones) {
        return phones == null ? List.of()
                : phones.stream().map(phone -> new RecordPhone(path + phone.field(), phone.text(), phone.number()))
                .toList();
    }

    /** Contacts and leads show consent; a change older than the one shown is ignored. */
    void recordConsent(Connection connection, List<ConsentChange> changes) throws SQLException {
        for (ConsentChange change : changes) {
            if (change.record().type() != RecordType.CONTACT && change.record().type() != RecordType.LEAD) {
                continue;
            }
            Database.update(connection, """
                    update local_crm_record set sms_opt_out = ?, sms_consent_changed = ?
                    where id = ? and type = ? and (sms_consent_changed is null or sms_consent_changed < ?)""",
                    Arrays.asList(change.optedOut(), change.at(), change.record().id(),
                            change.record().type().wireName(), change.at()));
        }
    }

    java.util.Optional<Boolean> smsOptOut(Connection connection, String recordId) throws SQLException {
        return Database.query(connection, "select sms_opt_out from local_crm_record where id = ?", List.of(recordId),
                row -> {
                    boolean value = row.getBoolean("sms_opt_out");
                    return row.wasNull() ? null : value;
                }).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** A lead the CRM holds for a request key, or why it refused to create it. */
    record LeadOutcome(CreatedLead lead, String refusal) {
    }

    /**
     * The leads for the request keys: the one created first for a key already used, else a new one. A lead owned by a
     * user or team the CRM does not know is refused, as a CRM refuses an owner it cannot resolve.
     */
    Map<String, LeadOutcome> createLeads(Connection connection, List<NewLead> leads, Instant now) throws SQLException {
        Map<String, CreatedLead> existing = existingLeads(connection, leads);
        Set<String> owners = knownOwners(connection, leads.stream().map(NewLead::ownerId).collect(Collectors.toSet()));
        List<LocalRecord> toInsert = new ArrayList<>();
        Map<String, String> requestKeyById = new LinkedHashMap<>();
        Map<String, LeadOutcome> outcomes = new LinkedHashMap<>();
        for (NewLead lead : leads) {
            if (outcomes.containsKey(lead.requestKey())) {
                continue;
            }
            CreatedLead known = existing.get(lead.requestKey());
            if (known != null) {
                outcomes.put(lead.requestKey(), new LeadOutcome(known, null));
            } else if (!owners.contains(lead.ownerId())) {
                outcomes.put(lead.requestKey(), new LeadOutcome(null, "the lead for " + lead.requestKey()
                        + " was refused: the local CRM has no user or team " + lead.ownerId() + " to own it"));
            } else {
                String id = Ids.next("L-");
                outcomes.put(lead.requestKey(), new LeadOutcome(
                        new CreatedLead(lead.requestKey(), new RecordRef(RecordType.LEAD, id), lead.name()), null));
                toInsert.add(new LocalRecord(RecordType.LEAD, id, lead.name(), lead.ownerId(), true, now,
                        Map.of(LEAD_PHONE_FIELD, lead.phone().value()), null, null, NewLead.LEAD_SOURCE));
                requestKeyById.put(id, lead.requestKey());
            }
        }
        insert(connection, toInsert, requestKeyById);
        return outcomes;
    }

    private static Set<String> knownOwners(Connection connection, Set<String> ids) throws SQLException {
        Set<String> known = new HashSet<>();
        for (List<String> chunk : Database.chunks(List.copyOf(ids), CHUNK)) {
            String in = Database.placeholders(chunk.size());
            List<String> parameters = new ArrayList<>(chunk);
            parameters.addAll(chunk);
            known.addAll(Database.query(connection, """
                    select id from local_crm_user where id in (%s) union select id from local_crm_team where id in (%s)
                    """.formatted(in, in), parameters, row -> row.getString("id")));
        }
        return known;
    }

    private static Map<String, CreatedLead> existingLeads(Connection connection, List<NewLead> leads)
            throws SQLException {
        Map<String, CreatedLead> byKey = new LinkedHashMap<>();
        List<String> keys = leads.stream().map(NewLead::requestKey).distinct().toList();
        for (List<String> chunk : Database.chunks(keys, CHUNK)) {
            Database.query(connection, """
                    select request_key, id, name from local_crm_record where request_key in (%s)
                    """.formatted(Database.placeholders(chunk.size())), chunk,
                    row -> new CreatedLead(row.getString("request_key"),
                            new RecordRef(RecordType.LEAD, row.getString("id")), row.getString("name")))
                    .forEach(lead -> byKey.put(lead.requestKey(), lead));
        }
        return byKey;
    }

    List<LocalRecord> all(Connection connection) throws SQLException {
        record Phone(String recordId, String field, String text) {
        }
        Map<String, Map<String, String>> phones = new LinkedHashMap<>();
        Database.query(connection, """
                select record_id, field, raw_text from local_crm_phone order by record_id, field_order
                """, List.of(), row -> new Phone(row.getString("record_id"), row.getString("field"),
                row.getString("raw_text")))
                .forEach(phone -> phones.computeIfAbsent(phone.recordId(), id -> new LinkedHashMap<>())
                        .put(phone.field(), phone.text()));
        return Database.query(connection, """
                select id, type, name, owner_id, active, last_modified, contact_id, account_id, source
                from local_crm_record order by seq
                """, List.of(), row -> new LocalRecord(RecordType.fromWireName(row.getString("type")),
                row.getString("id"), row.getString("name"), row.getString("owner_id"), row.getBoolean("active"),
                Database.instant(row, "last_modified"), phones.get(row.getString("id")),
                row.getString("contact_id"), row.getString("account_id"), row.getString("source")));
    }
}
