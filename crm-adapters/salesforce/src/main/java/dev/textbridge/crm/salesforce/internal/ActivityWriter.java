package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.mappings.crm.ActivityAttribute;
import dev.textbridge.mappings.crm.ActivityFacts;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.RecordKind;
import dev.textbridge.mappings.model.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text messages as records of the {@link ActivityMapping}'s object (by default completed Tasks: {@code WhoId} for a
 * contact or lead, {@code WhatId} for an account or opportunity, Subject naming the direction and the customer's
 * number, Description the body), 200 a call, idempotent by the mapping's key field; delivery states are updated in
 * the fields the mapping gives the delivery status and the failure reason.
 */
public final class ActivityWriter {

    static final int PER_CALL = 200;
    /** The longest a Salesforce text field can be; a template's text is cut there. */
    static final int MAX_TEXT = 255;
    /** A queue (a Group, key prefix 00G) cannot own a Task; such activities stay with the integration user. */
    private static final String QUEUE_ID_PREFIX = "00G";
    /** What a Task's Description holds; the body is cut there whichever field holds it. */
    static final int MAX_BODY = 32_000;
    /** Per-record errors that may go away by themselves: the same draft can be written later. */
    static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED", "STORAGE_LIMIT_EXCEEDED",
            "SERVER_UNAVAILABLE", "TOO_MANY_ENUM_VALUE", "QUERY_TIMEOUT");

    private static final Logger log = LoggerFactory.getLogger(ActivityWriter.class);

    private final PartnerClient partner;
    private final ActivityMapping mapping;

    public ActivityWriter(PartnerClient partner, ActivityMapping mapping) {
        this.partner = partner;
        this.mapping = mapping;
    }

    public List<ActivityWriteResult> write(List<ActivityDraft> drafts) {
        Map<String, ActivityDraft> byKey = new LinkedHashMap<>();
        drafts.forEach(draft -> byKey.putIfAbsent(draft.externalKey(), draft));
        Map<String, ActivityWriteResult> results = new LinkedHashMap<>();
        List<String> existing = new ArrayList<>();
        for (List<ActivityDraft> chunk : Soql.chunks(byKey.values(), PER_CALL)) {
            SObject[] tasks = chunk.stream().map(this::toActivity).toArray(SObject[]::new);
            SaveResult[] saved = partner.call("write activities", connection -> connection.create(tasks));
            for (int i = 0; i < saved.length; i++) {
                ActivityDraft draft = chunk.get(i);
                SaveResult result = saved[i];
                IError error = result.getErrors().length == 0 ? null : result.getErrors()[0];
                if (result.isSuccess()) {
                    results.put(draft.externalKey(), ActivityWriteResult.written(draft.externalKey(), result.getId()));
                } else if (error != null && KeyField.isDuplicateKey(error, mapping.keyField())) {
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
        if (mapping.field(ActivityAttribute.DELIVERY_STATUS).isEmpty()
                && mapping.field(ActivityAttribute.FAILURE_REASON).isEmpty()) {
            return; // the mapping keeps no delivery state
        }
        List<String> retryable = new ArrayList<>();
        for (List<ActivityUpdate> chunk : Soql.chunks(updates, PER_CALL)) {
            SObject[] tasks = chunk.stream().map(this::toStatusUpdate).toArray(SObject[]::new);
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
        String key = mapping.keyField();
        for (List<String> chunk : Soql.chunks(keys, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, " + key + " FROM " + mapping.object() + " WHERE " + key + " IN "
                    + Soql.in(chunk);
            for (SObject activity : partner.query("find activities by key", soql)) {
                String found = Records.text(activity, key);
                results.put(found, ActivityWriteResult.written(found, activity.getId()));
            }
        }
        for (String missing : keys) {
            results.putIfAbsent(missing, ActivityWriteResult.failed(missing, "DUPLICATE_VALUE on " + key + " but no "
                    + mapping.object() + " visible with key " + missing, true));
        }
    }

    private SObject toActivity(ActivityDraft draft) {
        SObject activity = new SObject(mapping.object());
        activity.setField(mapping.link(RecordKind.valueOf(draft.record().type().name())), draft.record().id());
        ActivityFacts facts = facts(draft);
        Map<String, String> values = new LinkedHashMap<>(mapping.valuesOnCreate(facts));
        // the templates' texts and the body are cut to what their fields can hold
        mapping.templates().keySet().forEach(field ->
                values.compute(field, (f, text) -> truncate(xmlSafe(text), MAX_TEXT)));
        mapping.field(ActivityAttribute.BODY).ifPresent(field ->
                values.compute(field, (f, text) -> truncate(xmlSafe(text), MAX_BODY)));
        values.forEach(activity::setField);
        if (mapping.ownerField() != null && draft.ownerId() != null && !draft.ownerId().startsWith(QUEUE_ID_PREFIX)) {
            activity.setField(mapping.ownerField(), draft.ownerId());
        }
        activity.setField(mapping.keyField(), draft.externalKey());
        return activity;
    }

    private SObject toStatusUpdate(ActivityUpdate update) {
        SObject activity = new SObject(mapping.object());
        String failureField = mapping.field(ActivityAttribute.FAILURE_REASON).orElse(null);
        // The partner WSDL's sObject is a sequence: type, fieldsToNull, Id, then the fields.
        if (update.failureReason() == null && failureField != null) {
            activity.setFieldsToNull(new String[]{failureField});
        }
        activity.setId(update.activityId());
        mapping.field(ActivityAttribute.DELIVERY_STATUS)
                .ifPresent(field -> activity.setField(field, update.status().name()));
        if (update.failureReason() != null && failureField != null) {
            activity.setField(failureField, update.failureReason().text());
        }
        return activity;
    }

    /** The draft as the mapping sees it: the customer is the sender of an inbound text, the recipient of an outbound. */
    static ActivityFacts facts(ActivityDraft draft) {
        boolean inbound = draft.direction() == Direction.INBOUND;
        return new ActivityFacts(draft.direction(), inbound ? draft.from() : draft.to(),
                inbound ? draft.to() : draft.from(), draft.body(), draft.media(), draft.at(), draft.status(), null,
                draft.provider(), draft.providerMessageId());
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
