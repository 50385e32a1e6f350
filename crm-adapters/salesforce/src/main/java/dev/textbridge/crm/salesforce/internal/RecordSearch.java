package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Records by name for the seller's record picker: one SOQL per record type asked for,
 * {@code WHERE Name LIKE '%<query>%' ORDER BY LastModifiedDate DESC LIMIT <n>} (leads only while not converted; n
 * the limit, but at least {@value #MIN_ROWS} so that ranking has something to choose from), then ranked here: a name
 * equal to the query first, then names starting with it, then names with a word starting with it, then the rest, the
 * most recently modified first within each rank; the first {@code limit} are the answer.
 * <p>
 * Why SOQL and not one SOSL {@code FIND {...} IN NAME FIELDS}: SOSL matches whole words and prefixes (a term needs
 * two characters, and no wildcard may lead), so "ana" would never find "Dana", while the contract asks for any
 * substring in any case; SOQL's {@code LIKE} is case-insensitive and takes a leading {@code %}. The price is one call
 * per type (at most four) and a non-selective filter that Salesforce answers by scanning, which is fine for the
 * picker's short answers but may be slow on objects with millions of rows. SOSL also lags behind new records; SOQL
 * does not. Each type's query asks for at most {@value #MAX_ROWS} rows.
 */
public final class RecordSearch {

    /** No standard name is longer (Account.Name holds 255); a longer query cannot match and is not sent. */
    static final int MAX_NAME = 255;
    /** Rows one type's query asks for at least, to rank among, and at most: one query page. */
    static final int MIN_ROWS = 200;
    static final int MAX_ROWS = 2000;

    private final PartnerClient partner;
    private final RecordLookup records;

    public RecordSearch(PartnerClient partner, RecordLookup records) {
        this.partner = partner;
        this.records = records;
    }

    public List<CrmRecord> search(String query, Set<RecordType> types, int limit) {
        String text = query == null ? "" : ActivityWriter.xmlSafe(query).strip();
        if (text.isEmpty() || text.length() > MAX_NAME || types == null || types.isEmpty() || limit < 1) {
            return List.of();
        }
        List<CrmRecord> found = new ArrayList<>();
        for (RecordType type : RecordType.values()) {
            if (!types.contains(type)) {
                continue;
            }
            String soql = soql(type, text, limit);
            for (SObject record : partner.query("search " + type.wireName() + " records by name", soql)) {
                found.add(records.toRecord(new RecordRef(type, record.getId()), record));
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        found.sort(Comparator.<CrmRecord>comparingInt(record -> rank(record.name(), lower))
                .thenComparing(CrmRecord::lastModified, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                .thenComparing(record -> record.name() == null ? "" : record.name()));
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    /** The statement for one type; the query goes in as a LIKE pattern with {@code % _ ' " \} escaped. */
    static String soql(RecordType type, String text, int limit) {
        String filter = type == RecordType.LEAD ? "IsConverted = false AND " : "";
        return RecordLookup.SELECT.get(type) + " WHERE " + filter + "Name LIKE " + Soql.likeContaining(text)
                + " ORDER BY LastModifiedDate DESC LIMIT " + Math.min(Math.max(limit, MIN_ROWS), MAX_ROWS);
    }

    private static int rank(String name, String lowerQuery) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.equals(lowerQuery)) {
            return 0;
        }
        if (lower.startsWith(lowerQuery)) {
            return 1;
        }
        for (int at = lower.indexOf(lowerQuery); at > 0; at = lower.indexOf(lowerQuery, at + 1)) {
            if (!Character.isLetterOrDigit(lower.charAt(at - 1))) {
                return 2;
            }
        }
        return 3;
    }
}
