package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.SearchRecord;
import com.sforce.soap.partner.SearchResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Candidates for a batch of numbers in two calls when the batch fits one search: one SOSL over the phone fields of
 * contacts, accounts and open leads (Partner API), then one REST Composite request holding one SOQL per object that
 * reads the records found, the records modified within the index-lag window whose phone fields contain a number's
 * last four digits, and (through subqueries) the opportunities of the contacts and accounts. Every phone value is
 * normalised and compared again before it counts.
 */
public final class CandidateSearch {

    private static final Logger log = LoggerFactory.getLogger(CandidateSearch.class);
    /** Numbers whose recent-record conditions go into one query. */
    private static final int NUMBERS_PER_RECENT_QUERY = 200;

    private final PartnerClient partner;
    private final CompositeQueries queries;
    private final Map<RecordType, List<String>> phoneFields;
    private final String region;
    private final Set<String> closedLeadStatuses;
    private final Duration lagWindow;
    private final RecentLeads recentLeads;
    private final Clock clock;

    public CandidateSearch(PartnerClient partner, CompositeQueries queries, Map<RecordType, List<String>> phoneFields,
                           String region, Set<String> closedLeadStatuses, Duration lagWindow, RecentLeads recentLeads,
                           Clock clock) {
        this.partner = partner;
        this.queries = queries;
        this.phoneFields = phoneFields;
        this.region = region;
        this.closedLeadStatuses = closedLeadStatuses;
        this.lagWindow = lagWindow;
        this.recentLeads = recentLeads;
        this.clock = clock;
    }

    public Map<PhoneNumber, List<CandidateRecord>> find(Set<PhoneNumber> numbers) {
        Map<PhoneNumber, Map<RecordRef, CandidateRecord>> found = new LinkedHashMap<>();
        numbers.forEach(number -> found.put(number, new LinkedHashMap<>()));
        List<PhoneNumber> searchable = numbers.stream().filter(PhoneNumber::isE164)
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
        if (!searchable.isEmpty()) {
            Map<RecordType, Set<String>> ids = search(searchable);
            Instant now = clock.instant();
            Set<PhoneNumber> asked = Set.copyOf(searchable);
            ids.get(RecordType.LEAD).addAll(recentLeads.since(now.minus(lagWindow.multipliedBy(2)), asked));
            Instant since = now.minus(lagWindow);
            Map<RecordType, List<CompositeQueries.Query>> reads = new EnumMap<>(RecordType.class);
            if (!fields(RecordType.CONTACT).isEmpty()) {
                reads.put(RecordType.CONTACT, reads("read contacts", contactSelect(), "", ids.get(RecordType.CONTACT),
                        fields(RecordType.CONTACT), searchable, since));
            }
            if (!fields(RecordType.ACCOUNT).isEmpty()) {
                reads.put(RecordType.ACCOUNT, reads("read accounts", accountSelect(), "", ids.get(RecordType.ACCOUNT),
                        fields(RecordType.ACCOUNT), searchable, since));
            }
            if (!fields(RecordType.LEAD).isEmpty()) {
                reads.put(RecordType.LEAD, reads("read leads", leadSelect(), "IsConverted = false AND ",
                        ids.get(RecordType.LEAD), fields(RecordType.LEAD), searchable, since));
            }
            List<List<JsonNode>> answers = queries.run(reads.values().stream().flatMap(List::stream).toList());
            int at = 0;
            for (Map.Entry<RecordType, List<CompositeQueries.Query>> read : reads.entrySet()) {
                Map<String, JsonNode> records = new LinkedHashMap<>();
                for (List<JsonNode> answer : answers.subList(at, at + read.getValue().size())) {
                    answer.forEach(record -> records.putIfAbsent(JsonRecords.text(record, "Id"), record));
                }
                at += read.getValue().size();
                switch (read.getKey()) {
                    case CONTACT -> records.values().forEach(contact -> contact(contact, asked, found));
                    case ACCOUNT -> records.values().forEach(account -> account(account, asked, found));
                    case LEAD -> records.values().forEach(lead -> lead(lead, asked, found));
                    default -> { }
                }
            }
        }
        Map<PhoneNumber, List<CandidateRecord>> result = new LinkedHashMap<>();
        found.forEach((number, candidates) -> result.put(number, List.copyOf(candidates.values())));
        return result;
    }

    private Map<RecordType, Set<String>> search(List<PhoneNumber> numbers) {
        Map<RecordType, Set<String>> ids = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            ids.put(type, new LinkedHashSet<>());
        }
        for (List<PhoneNumber> group : Sosl.groups(numbers)) {
            searchGroup(group, ids);
        }
        return ids;
    }

    private void searchGroup(List<PhoneNumber> group, Map<RecordType, Set<String>> ids) {
        String returning = returning();
        if (returning.isEmpty()) {
            return;
        }
        List<String> terms = group.stream().flatMap(number -> Sosl.termsFor(number).stream()).distinct().toList();
        String sosl = Sosl.phoneSearch(terms, returning);
        SearchResult result = partner.call("phone search", connection -> connection.search(sosl));
        SearchRecord[] rows = result.getSearchRecords() == null ? new SearchRecord[0] : result.getSearchRecords();
        if (rows.length >= Sosl.MAX_ROWS && group.size() > 1) {
            int half = group.size() / 2;
            searchGroup(group.subList(0, half), ids);
            searchGroup(group.subList(half, group.size()), ids);
            return;
        }
        if (rows.length >= Sosl.MAX_ROWS) {
            log.warn("the phone search for one number hit Salesforce's {} rows; some candidates may be missing",
                    Sosl.MAX_ROWS);
        }
        for (SearchRecord row : rows) {
            SObject record = row.getRecord();
            switch (record.getType()) {
                case "Contact" -> ids.get(RecordType.CONTACT).add(record.getId());
                case "Account" -> ids.get(RecordType.ACCOUNT).add(record.getId());
                case "Lead" -> ids.get(RecordType.LEAD).add(record.getId());
                default -> { }
            }
        }
    }

    private String returning() {
        List<String> objects = new ArrayList<>();
        if (!fields(RecordType.CONTACT).isEmpty()) {
            objects.add("Contact(Id)");
        }
        if (!fields(RecordType.ACCOUNT).isEmpty()) {
            objects.add("Account(Id)");
        }
        if (!fields(RecordType.LEAD).isEmpty()) {
            objects.add("Lead(Id WHERE IsConverted = false)");
        }
        return String.join(", ", objects);
    }

    private String contactSelect() {
        return "SELECT Id, Name, OwnerId, LastModifiedDate, " + String.join(", ", fields(RecordType.CONTACT))
                + ", (SELECT OpportunityId, Opportunity.Name, Opportunity.OwnerId, Opportunity.IsClosed,"
                + " Opportunity.LastModifiedDate FROM OpportunityContactRoles) FROM Contact WHERE ";
    }

    private String accountSelect() {
        return "SELECT Id, Name, OwnerId, LastModifiedDate, " + String.join(", ", fields(RecordType.ACCOUNT))
                + ", (SELECT Id, Name, OwnerId, IsClosed, LastModifiedDate FROM Opportunities) FROM Account WHERE ";
    }

    private String leadSelect() {
        return "SELECT Id, Name, OwnerId, LastModifiedDate, Status, " + String.join(", ", fields(RecordType.LEAD))
                + " FROM Lead WHERE ";
    }

    private void contact(JsonNode contact, Set<PhoneNumber> asked, Map<PhoneNumber, Map<RecordRef, CandidateRecord>> found) {
        List<String> fields = fields(RecordType.CONTACT);
        Map<PhoneNumber, String> matches = matches(contact, fields, asked);
        RecordRef ref = new RecordRef(RecordType.CONTACT, JsonRecords.text(contact, "Id"));
        matches.forEach((number, field) -> add(found, number, ref, contact, true, PhoneFields.logicalName(field)));
        for (JsonNode role : JsonRecords.children(contact, "OpportunityContactRoles")) {
            String opportunityId = JsonRecords.text(role, "OpportunityId");
            JsonRecords.parent(role, "Opportunity").ifPresent(opportunity -> matches.forEach((number, field) ->
                    add(found, number, new RecordRef(RecordType.OPPORTUNITY, opportunityId), opportunity,
                            !JsonRecords.bool(opportunity, "IsClosed"), "contact." + PhoneFields.logicalName(field))));
        }
    }

    private void account(JsonNode account, Set<PhoneNumber> asked, Map<PhoneNumber, Map<RecordRef, CandidateRecord>> found) {
        List<String> fields = fields(RecordType.ACCOUNT);
        Map<PhoneNumber, String> matches = matches(account, fields, asked);
        RecordRef ref = new RecordRef(RecordType.ACCOUNT, JsonRecords.text(account, "Id"));
        matches.forEach((number, field) -> add(found, number, ref, account, true, PhoneFields.logicalName(field)));
        for (JsonNode opportunity : JsonRecords.children(account, "Opportunities")) {
            RecordRef opportunityRef = new RecordRef(RecordType.OPPORTUNITY, JsonRecords.text(opportunity, "Id"));
            matches.forEach((number, field) -> add(found, number, opportunityRef, opportunity,
                    !JsonRecords.bool(opportunity, "IsClosed"), "account." + PhoneFields.logicalName(field)));
        }
    }

    private void lead(JsonNode lead, Set<PhoneNumber> asked, Map<PhoneNumber, Map<RecordRef, CandidateRecord>> found) {
        RecordRef ref = new RecordRef(RecordType.LEAD, JsonRecords.text(lead, "Id"));
        boolean active = !closedLeadStatuses.contains(JsonRecords.text(lead, "Status"));
        matches(lead, fields(RecordType.LEAD), asked).forEach((number, field) ->
                add(found, number, ref, lead, active, PhoneFields.logicalName(field)));
    }

    /**
     * The queries for the records among {@code ids}, plus those modified since {@code since} whose phone fields
     * contain one of the numbers' last four digits (the index-lag cover), as few as the limits allow.
     */
    private List<CompositeQueries.Query> reads(String what, String select, String filter, Set<String> ids,
                                               List<String> fields, List<PhoneNumber> numbers, Instant since) {
        List<List<String>> idChunks = Soql.chunks(ids, Soql.IDS_PER_QUERY);
        List<List<PhoneNumber>> numberChunks = lagWindow.isZero() ? List.of()
                : Soql.chunks(numbers, NUMBERS_PER_RECENT_QUERY);
        List<CompositeQueries.Query> reads = new ArrayList<>();
        for (int i = 0; i < Math.max(idChunks.size(), numberChunks.size()); i++) {
            List<String> conditions = new ArrayList<>();
            if (i < idChunks.size()) {
                conditions.add("Id IN " + Soql.in(idChunks.get(i)));
            }
            if (i < numberChunks.size()) {
                conditions.add(recentlyModified(fields, numberChunks.get(i), since));
            }
            reads.add(new CompositeQueries.Query(what, select + filter + "(" + String.join(" OR ", conditions) + ")"));
        }
        return reads;
    }

    private static String recentlyModified(List<String> fields, List<PhoneNumber> numbers, Instant since) {
        Set<String> tails = new LinkedHashSet<>();
        for (PhoneNumber number : numbers) {
            String digits = Sosl.nationalDigits(number).orElse(number.value().substring(1));
            tails.add(digits.substring(Math.max(0, digits.length() - 4)));
        }
        List<String> likes = new ArrayList<>();
        for (String field : fields) {
            for (String tail : tails) {
                likes.add(field + " LIKE " + Soql.likeContaining(tail));
            }
        }
        return "(LastModifiedDate >= " + Soql.dateTime(since) + " AND (" + String.join(" OR ", likes) + "))";
    }

    /** For each asked number the record's phone fields carry, the first field (in configured order) carrying it. */
    private Map<PhoneNumber, String> matches(JsonNode record, List<String> fields, Set<PhoneNumber> asked) {
        Map<PhoneNumber, String> matches = new LinkedHashMap<>();
        for (String field : fields) {
            String value = JsonRecords.text(record, field);
            if (value == null || value.isBlank()) {
                continue;
            }
            PhoneNumber.tryParse(value, region).filter(asked::contains)
                    .ifPresent(number -> matches.putIfAbsent(number, field));
        }
        return matches;
    }

    private static void add(Map<PhoneNumber, Map<RecordRef, CandidateRecord>> found, PhoneNumber number, RecordRef ref,
                            JsonNode record, boolean active, String phoneField) {
        found.get(number).computeIfAbsent(ref, key -> new CandidateRecord(ref, JsonRecords.text(record, "Name"),
                JsonRecords.text(record, "OwnerId"), active, JsonRecords.instant(record, "LastModifiedDate"), number,
                phoneField));
    }

    private List<String> fields(RecordType type) {
        return phoneFields.getOrDefault(type, List.of());
    }
}
