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

import dev.textbridge.crm.api.NewLead;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

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
    private final LeadWriter leads;

    public ActivityWriter(PartnerClient partner, ActivityMapping mapping, LeadWriter leads) {
        this.partner = partner;
        this.mapping = mapping;
        this.leads = leads;
    }

    /**
     * Writes the drafts 200 records a call, each new lead a draft names in the same call as its activity: the leads
     * first, then the activities, which refer to their lead by its external id {@link KeyField} instead of an id it
     * does not have yet. Salesforce creates the records of one call in chunks by type, in order, and resolves such a
     * reference against the leads there, those of earlier chunks included (SOAP API Developer Guide, create(),
     * "Creating Records for Different Object Types"; Apex Developer Guide, "Creating Parent and Child Records in a
     * Single Statement Using Foreign Keys"). A repeated batch gets {@code DUPLICATE_VALUE} on its leads and
     * activities; the reference still finds the lead, and the records already there are read by their keys.
     */
    public List<ActivityWriteResult> write(List<ActivityDraft> drafts) {
        Map<String, ActivityDraft> byKey = new LinkedHashMap<>();
        drafts.forEach(draft -> byKey.putIfAbsent(draft.externalKey(), draft));
        Map<String, ActivityWriteResult> results = new LinkedHashMap<>();
        Map<String, LeadWriter.Outcome> leadOutcomes = new LinkedHashMap<>();
        List<String> existing = new ArrayList<>();
        List<String> existingLeads = new ArrayList<>();
        Set<String> leadsSent = new HashSet<>();
        for (List<ActivityDraft> chunk : calls(byKey.values())) {
            List<NewLead> newLeads = new ArrayList<>();
            for (ActivityDraft draft : chunk) {
                if (draft.newLead() != null && leadsSent.add(draft.newLead().requestKey())) {
                    newLeads.add(draft.newLead());
                }
            }
            SObject[] records = Stream.concat(newLeads.stream().map(LeadWriter::toRecord),
                    chunk.stream().map(this::toActivity)).toArray(SObject[]::new);
            SaveResult[] saved = partner.call("write activities",
                    connection -> {
                        if (!newLeads.isEmpty()) {
                            LeadWriter.allowDuplicates(connection);
                        }
                    },
                    connection -> connection.create(records));
            for (int i = 0; i < newLeads.size(); i++) {
                leads.answered(newLeads.get(i), saved[i], leadOutcomes, existingLeads);
            }
            for (int i = 0; i < chunk.size(); i++) {
                ActivityDraft draft = chunk.get(i);
                SaveResult result = saved[newLeads.size() + i];
                IError error = result.getErrors().length == 0 ? null : result.getErrors()[0];
                if (result.isSuccess()) {
                    results.put(draft.externalKey(), ActivityWriteResult.written(draft.externalKey(), result.getId()));
                } else if (error != null && KeyField.isDuplicateKey(error, mapping.keyField())) {
                    existing.add(draft.externalKey());
                } else {
                    String code = error == null ? "UNKNOWN" : KeyField.code(error);
                    String message = error == null ? "no reason given" : error.getMessage()
                            + (error.getFields().length == 0 ? "" : " (" + String.join(", ", error.getFields()) + ")");
                    String on = draft.record() != null ? draft.record().toString()
                            : "the new lead " + draft.newLead().requestKey();
                    results.put(draft.externalKey(), ActivityWriteResult.failed(draft.externalKey(),
                            code + " on " + on + ": " + message, RETRYABLE.contains(code)));
                }
            }
        }
        if (!existingLeads.isEmpty()) {
            leads.findExisting(existingLeads, leadOutcomes);
        }
        if (!existing.isEmpty()) {
            findExisting(existing, results);
        }
        return drafts.stream().map(draft -> onItsLead(draft, results.get(draft.externalKey()), leadOutcomes))
                .toList();
    }

    /**
     * The drafts in calls of at most {@value #PER_CALL} records, a draft's new lead counted in the call that first
     * carries it (a later call refers to a lead created before it the same way).
     */
    private static List<List<ActivityDraft>> calls(Collection<ActivityDraft> drafts) {
        List<List<ActivityDraft>> calls = new ArrayList<>();
        List<ActivityDraft> call = new ArrayList<>();
        Set<String> leads = new HashSet<>();
        int records = 0;
        for (ActivityDraft draft : drafts) {
            boolean newLead = draft.newLead() != null && !leads.contains(draft.newLead().requestKey());
            int needs = newLead ? 2 : 1;
            if (records + needs > PER_CALL) {
                calls.add(call);
                call = new ArrayList<>();
                records = 0;
            }
            call.add(draft);
            records += needs;
            if (newLead) {
                leads.add(draft.newLead().requestKey());
            }
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    /** A draft's result with the lead it went on, or the lead's refusal when Salesforce created no lead for it. */
    private static ActivityWriteResult onItsLead(ActivityDraft draft, ActivityWriteResult result,
                                                 Map<String, LeadWriter.Outcome> leadOutcomes) {
        if (draft.newLead() == null) {
            return result;
        }
        LeadWriter.Outcome lead = leadOutcomes.get(draft.newLead().requestKey());
        if (lead.lead() == null) {
            return ActivityWriteResult.failed(draft.externalKey(), lead.refusal(), lead.retryable());
        }
        return result.isWritten()
                ? ActivityWriteResult.written(result.externalKey(), result.activityId(), lead.lead()) : result;
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
        if (draft.newLead() == null) {
            activity.setField(mapping.link(RecordKind.valueOf(draft.record().type().name())), draft.record().id());
        } else {
            // The lead is created in the same call: referred to through the lookup's relationship by its external id.
            SObject lead = new SObject("Lead");
            lead.setField(KeyField.NAME, draft.newLead().requestKey());
            activity.setField(relationship(mapping.link(RecordKind.LEAD)), lead);
        }
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

    /**
     * The relationship a lookup field is reached through, as Salesforce names it by default: a standard field drops
     * its {@code Id} ({@code WhoId} → {@code Who}), a custom one's {@code __c} becomes {@code __r}.
     */
    static String relationship(String lookupField) {
        if (lookupField.endsWith("__c")) {
            return lookupField.substring(0, lookupField.length() - 3) + "__r";
        }
        return lookupField.endsWith("Id") ? lookupField.substring(0, lookupField.length() - 2) : lookupField;
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
