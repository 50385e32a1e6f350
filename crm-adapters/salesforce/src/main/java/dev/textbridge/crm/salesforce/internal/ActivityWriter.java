package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text messages as completed Tasks, 200 a call, idempotent by external key ({@link KeyField}): {@code WhoId} for a
 * contact or lead, {@code WhatId} for an account or opportunity, Subject naming the direction and the customer's
 * number, Description the body, the delivery state in {@value #STATUS_FIELD} and {@value #FAILURE_FIELD}.
 */
public final class ActivityWriter {

    public static final String STATUS_FIELD = "Textbridge_Delivery_Status__c";
    public static final String FAILURE_FIELD = "Textbridge_Failure_Reason__c";
    static final int PER_CALL = 200;
    static final int MAX_SUBJECT = 255;
    /** A queue (a Group, key prefix 00G) cannot own a Task; such activities stay with the integration user. */
    private static final String QUEUE_ID_PREFIX = "00G";
    static final int MAX_DESCRIPTION = 32_000;
    /** Per-record errors that may go away by themselves: the same draft can be written later. */
    static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED", "STORAGE_LIMIT_EXCEEDED",
            "SERVER_UNAVAILABLE", "TOO_MANY_ENUM_VALUE", "QUERY_TIMEOUT");

    private static final Logger log = LoggerFactory.getLogger(ActivityWriter.class);

    private final PartnerClient partner;

    public ActivityWriter(PartnerClient partner) {
        this.partner = partner;
    }

    public List<ActivityWriteResult> write(List<ActivityDraft> drafts) {
        Map<String, ActivityDraft> byKey = new LinkedHashMap<>();
        drafts.forEach(draft -> byKey.putIfAbsent(draft.externalKey(), draft));
        Map<String, ActivityWriteResult> results = new LinkedHashMap<>();
        List<String> existing = new ArrayList<>();
        for (List<ActivityDraft> chunk : Soql.chunks(byKey.values(), PER_CALL)) {
            SObject[] tasks = chunk.stream().map(ActivityWriter::toTask).toArray(SObject[]::new);
            SaveResult[] saved = partner.call("write activities", connection -> connection.create(tasks));
            for (int i = 0; i < saved.length; i++) {
                ActivityDraft draft = chunk.get(i);
                SaveResult result = saved[i];
                IError error = result.getErrors().length == 0 ? null : result.getErrors()[0];
                if (result.isSuccess()) {
                    results.put(draft.externalKey(), ActivityWriteResult.written(draft.externalKey(), result.getId()));
                } else if (error != null && KeyField.isDuplicateKey(error)) {
                    existing.add(draft.externalKey());
                } else {
                    String code = error == null ? "UNKNOWN" : KeyField.code(error);
                    String message = error == null ? "no reason given" : error.getMessage()
                            + (error.getFields().length == 0 ? "" : " (" + String.join(", ", error.getFields()) + ")");
                    results.put(draft.externalKey(), ActivityWriteResult.failed(draft.externalKey(),
                            code + " on " + draft.record() + ": " + message, RETRYABLE.contains(code)));
                }
            }
        }
        if (!existing.isEmpty()) {
            findExisting(existing, results);
        }
        return drafts.stream().map(draft -> results.get(draft.externalKey())).toList();
    }

    public void update(List<ActivityUpdate> updates) {
        List<String> retryable = new ArrayList<>();
        for (List<ActivityUpdate> chunk : Soql.chunks(updates, PER_CALL)) {
            SObject[] tasks = chunk.stream().map(ActivityWriter::toStatusUpdate).toArray(SObject[]::new);
            SaveResult[] saved = partner.call("update activities", connection -> connection.update(tasks));
            for (int i = 0; i < saved.length; i++) {
                if (saved[i].isSuccess() || saved[i].getErrors().length == 0) {
                    continue;
                }
                IError error = saved[i].getErrors()[0];
                String code = KeyField.code(error);
                String text = code + " on activity " + chunk.get(i).activityId() + ": " + error.getMessage();
                if (RETRYABLE.contains(code)) {
                    retryable.add(text);
                } else {
                    log.warn("delivery state not recorded in Salesforce, and never will be: {}", text);
                }
            }
        }
        if (!retryable.isEmpty()) {
            throw new CrmUnavailableException("Salesforce could not record delivery states yet: "
                    + String.join("; ", retryable));
        }
    }

    private void findExisting(List<String> keys, Map<String, ActivityWriteResult> results) {
        for (List<String> chunk : Soql.chunks(keys, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, " + KeyField.NAME + " FROM Task WHERE " + KeyField.NAME + " IN " + Soql.in(chunk);
            for (SObject task : partner.query("find activities by key", soql)) {
                String key = Records.text(task, KeyField.NAME);
                results.put(key, ActivityWriteResult.written(key, task.getId()));
            }
        }
        for (String key : keys) {
            results.putIfAbsent(key, ActivityWriteResult.failed(key,
                    "DUPLICATE_VALUE on " + KeyField.NAME + " but no Task visible with key " + key, true));
        }
    }

    private static SObject toTask(ActivityDraft draft) {
        SObject task = new SObject("Task");
        switch (draft.record().type()) {
            case CONTACT, LEAD -> task.setField("WhoId", draft.record().id());
            case ACCOUNT, OPPORTUNITY -> task.setField("WhatId", draft.record().id());
        }
        task.setField("Subject", truncate(subject(draft), MAX_SUBJECT));
        task.setField("Description", truncate(description(draft), MAX_DESCRIPTION));
        task.setField("Status", "Completed");
        if (draft.ownerId() != null && !draft.ownerId().startsWith(QUEUE_ID_PREFIX)) {
            task.setField("OwnerId", draft.ownerId());
        }
        task.setField("Priority", "Normal");
        task.setField("ActivityDate", draft.at().atZone(ZoneOffset.UTC).toLocalDate().toString());
        task.setField(KeyField.NAME, draft.externalKey());
        if (draft.status() != null) {
            task.setField(STATUS_FIELD, draft.status().name());
        }
        return task;
    }

    private static SObject toStatusUpdate(ActivityUpdate update) {
        SObject task = new SObject("Task");
        // The partner WSDL's sObject is a sequence: type, fieldsToNull, Id, then the fields.
        if (update.failureReason() == null) {
            task.setFieldsToNull(new String[]{FAILURE_FIELD});
        }
        task.setId(update.activityId());
        task.setField(STATUS_FIELD, update.status().name());
        if (update.failureReason() != null) {
            task.setField(FAILURE_FIELD, update.failureReason().text());
        }
        return task;
    }

    /** {@code Inbound SMS from +15550100200} or {@code Outbound SMS to +15550100200}. */
    static String subject(ActivityDraft draft) {
        return draft.direction() == Direction.INBOUND
                ? "Inbound SMS from " + number(draft.from())
                : "Outbound SMS to " + number(draft.to());
    }

    private static String number(PhoneNumber number) {
        return number == null ? "an unknown number" : number.value();
    }

    private static String description(ActivityDraft draft) {
        StringBuilder text = new StringBuilder(xmlSafe(draft.body()));
        for (MediaAttachment media : draft.media()) {
            text.append(text.isEmpty() ? "" : "\n").append("Media: ").append(xmlSafe(media.url()));
        }
        return text.toString();
    }

    /** XML 1.0 cannot carry most control characters; they are dropped rather than failing the whole call. */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
