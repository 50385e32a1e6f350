package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.ConsentChange;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * SMS consent on contacts and leads, in the fields the admin mapped (the setup kit's opt-out checkbox and its
 * changed-at date): one query for the changed-at dates, so an older change never replaces a newer one, then one
 * update per 200 records.
 */
public final class ConsentWriter {

    private static final Logger log = LoggerFactory.getLogger(ConsentWriter.class);
    private static final int PER_CALL = 200;
    private static final Map<RecordType, String> OBJECTS = Map.of(RecordType.CONTACT, "Contact", RecordType.LEAD, "Lead");

    private final PartnerClient partner;
    private final String optOutField;
    private final String changedField;

    /** @param optOutField null when no field is mapped: nothing is written */
    public ConsentWriter(PartnerClient partner, String optOutField, String changedField) {
        this.partner = partner;
        this.optOutField = optOutField;
        this.changedField = changedField;
    }

    public void write(List<ConsentChange> changes) {
        if (optOutField == null) {
            return;
        }
        Map<String, ConsentChange> newest = changes.stream()
                .filter(change -> OBJECTS.containsKey(change.record().type()))
                .collect(Collectors.toMap(change -> change.record().id(), change -> change,
                        (a, b) -> a.at().isAfter(b.at()) ? a : b, LinkedHashMap::new));
        if (newest.isEmpty()) {
            return;
        }
        if (changedField != null) {
            dropOlderThanShown(newest);
        }
        List<ConsentChange> toWrite = new ArrayList<>(newest.values());
        toWrite.sort(Comparator.comparing(change -> change.record().id()));
        List<String> retryable = new ArrayList<>();
        for (List<ConsentChange> chunk : Soql.chunks(toWrite, PER_CALL)) {
            SObject[] records = chunk.stream().map(this::toUpdate).toArray(SObject[]::new);
            SaveResult[] saved = partner.call("record SMS consent", connection -> connection.update(records));
            for (int i = 0; i < saved.length; i++) {
                if (saved[i].isSuccess() || saved[i].getErrors().length == 0) {
                    continue;
                }
                IError error = saved[i].getErrors()[0];
                String text = KeyField.code(error) + " on " + chunk.get(i).record().id() + ": " + error.getMessage();
                if (ActivityWriter.RETRYABLE.contains(KeyField.code(error))) {
                    retryable.add(text);
                } else {
                    log.warn("SMS consent not shown in Salesforce: {}", text);
                }
            }
        }
        if (!retryable.isEmpty()) {
            throw new CrmUnavailableException("Salesforce could not record SMS consent yet: " + String.join("; ", retryable));
        }
    }

    private void dropOlderThanShown(Map<String, ConsentChange> newest) {
        Map<RecordType, List<String>> idsByType = newest.values().stream().collect(Collectors.groupingBy(
                change -> change.record().type(), Collectors.mapping(change -> change.record().id(), Collectors.toList())));
        idsByType.forEach((type, ids) -> {
            for (List<String> chunk : Soql.chunks(ids, Soql.IDS_PER_QUERY)) {
                String soql = "SELECT Id, " + changedField + " FROM " + OBJECTS.get(type) + " WHERE Id IN "
                        + Soql.in(chunk);
                for (SObject record : partner.query("read SMS consent dates", soql)) {
                    Instant shown = Records.instant(record, changedField);
                    ConsentChange change = newest.get(record.getId());
                    if (shown != null && change != null && !shown.isBefore(change.at())) {
                        newest.remove(record.getId());
                    }
                }
            }
        });
    }

    private SObject toUpdate(ConsentChange change) {
        SObject record = new SObject(OBJECTS.get(change.record().type()));
        record.setId(change.record().id());
        record.setField(optOutField, change.optedOut());
        if (changedField != null) {
            Calendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            at.setTimeInMillis(change.at().toEpochMilli());
            record.setField(changedField, at);
        }
        return record;
    }
}
