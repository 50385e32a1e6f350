package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.ActivityMoveResult;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.RecordKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Re-links the activities {@link ActivityWriter} wrote to other records, through the link fields of the
 * {@link ActivityMapping}. A moved activity is linked to its target alone, as a written one is: the target's link field
 * set and every other link field cleared. For the default Task that is {@code WhoId} the contact or lead and
 * {@code WhatId} cleared, or {@code WhatId} the account or opportunity and {@code WhoId} cleared, so that it leaves the
 * timeline of the record it was on (a lead's Task may not carry a {@code WhatId} anyway). Salesforce still shows a
 * contact's Task on the contact's account, as it does for every Task. Below, "Task" stands for the mapped object.
 * <p>
 * Calls: one {@code queryAll} for the Tasks (archived Tasks, older than a year, are only seen that way), one query per
 * target type for the targets, then {@code update} 200 Tasks a call. A move fails alone when its activity is no Task
 * the integration user sees, when its target is no record of the type asked (or a converted lead), or when Salesforce
 * refuses its update (the error is Salesforce's status code and message). A Task already where it is asked to go is
 * not written again. When one activity is moved twice in a batch, the last move counts for both.
 * <p>
 * Salesforce unavailable before any Task was updated throws {@link CrmUnavailableException}; after some were, the
 * moves not yet written fail with the reason instead, so the caller learns which ones did move.
 */
public final class ActivityMover {

    static final int PER_CALL = 200;
    /** What a Salesforce id looks like; anything else is no Task, and would spoil the whole query. */
    private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");
    private static final Map<RecordType, String> OBJECT = Map.of(RecordType.CONTACT, "Contact",
            RecordType.ACCOUNT, "Account", RecordType.OPPORTUNITY, "Opportunity", RecordType.LEAD, "Lead");

    private final PartnerClient partner;
    private final ActivityMapping mapping;

    public ActivityMover(PartnerClient partner, ActivityMapping mapping) {
        this.partner = partner;
        this.mapping = mapping;
    }

    /** A Task as Salesforce holds it: its id in 18 characters, and where it is linked now, by link field. */
    private record Links(String id, Map<String, String> links) {
    }

    public List<ActivityMoveResult> move(List<ActivityMove> moves) {
        Map<Integer, String> failed = new HashMap<>();
        Map<String, Links> tasks = tasks(moves);
        Set<RecordRef> targets = existingTargets(moves);
        // the last valid move of each activity, in the order of the batch
        Map<String, ActivityMove> wanted = new LinkedHashMap<>();
        for (int i = 0; i < moves.size(); i++) {
            ActivityMove move = moves.get(i);
            if (!SALESFORCE_ID.matcher(move.activityId()).matches()) {
                failed.put(i, "MALFORMED_ID: " + move.activityId() + " is no Salesforce id");
            } else if (!tasks.containsKey(move.activityId())) {
                failed.put(i, "INVALID_ID_FIELD: no " + mapping.object() + " " + move.activityId()
                        + " (deleted, or not visible to the integration user)");
            } else if (!targets.contains(move.to())) {
                failed.put(i, "INVALID_CROSS_REFERENCE_KEY: no " + move.to()
                        + " (deleted, converted, of another type, or not visible to the integration user)");
            } else {
                wanted.remove(move.activityId());
                wanted.put(move.activityId(), move);
            }
        }
        List<ActivityMove> toWrite = wanted.values().stream()
                .filter(move -> !isAlreadyThere(tasks.get(move.activityId()), move.to())).toList();
        Map<String, String> written = write(toWrite, tasks);
        List<ActivityMoveResult> results = new ArrayList<>(moves.size());
        for (int i = 0; i < moves.size(); i++) {
            String activityId = moves.get(i).activityId();
            String error = failed.containsKey(i) ? failed.get(i) : written.get(activityId);
            results.add(error == null ? ActivityMoveResult.moved(activityId)
                    : ActivityMoveResult.failed(activityId, error));
        }
        return results;
    }

    /** The Tasks among the activity ids (keyed by the id as asked), with their links now. */
    private Map<String, Links> tasks(List<ActivityMove> moves) {
        Set<String> ids = new HashSet<>();
        for (ActivityMove move : moves) {
            if (SALESFORCE_ID.matcher(move.activityId()).matches()) {
                ids.add(move.activityId());
            }
        }
        Function<String, String> askedFor = Records.askedFor(ids, id -> id);
        Map<String, Links> tasks = new HashMap<>();
        for (List<String> chunk : Soql.chunks(ids, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, " + String.join(", ", mapping.linkFields()) + ", IsDeleted FROM "
                    + mapping.object() + " WHERE Id IN " + Soql.in(chunk);
            for (SObject task : partner.queryAll("read the activities to move", soql)) {
                String id = askedFor.apply(task.getId());
                if (id != null && !Records.bool(task, "IsDeleted")) {
                    Map<String, String> links = new HashMap<>();
                    mapping.linkFields().forEach(field -> links.put(field, Records.text(task, field)));
                    tasks.put(id, new Links(task.getId(), links));
                }
            }
        }
        return tasks;
    }

    /** The targets that are records of the type asked; a converted lead is none. */
    private Set<RecordRef> existingTargets(List<ActivityMove> moves) {
        Map<RecordType, Set<RecordRef>> byType = new EnumMap<>(RecordType.class);
        for (ActivityMove move : moves) {
            byType.computeIfAbsent(move.to().type(), type -> new HashSet<>()).add(move.to());
        }
        Set<RecordRef> existing = new HashSet<>();
        byType.forEach((type, refs) -> {
            Function<String, RecordRef> askedFor = Records.refsAskedFor(refs);
            String filter = type == RecordType.LEAD ? " WHERE IsConverted = false AND Id IN " : " WHERE Id IN ";
            for (List<RecordRef> chunk : Soql.chunks(refs, Soql.IDS_PER_QUERY)) {
                String soql = "SELECT Id FROM " + OBJECT.get(type) + filter
                        + Soql.in(chunk.stream().map(RecordRef::id).toList());
                for (SObject record : partner.query("check the " + type.wireName() + " records to move to", soql)) {
                    RecordRef ref = askedFor.apply(record.getId());
                    if (ref != null) {
                        existing.add(ref);
                    }
                }
            }
        });
        return existing;
    }

    /** Updates the Tasks; the error of each that failed, by activity id. */
    private Map<String, String> write(List<ActivityMove> moves, Map<String, Links> tasks) {
        Map<String, String> errors = new HashMap<>();
        boolean anyWritten = false;
        List<List<ActivityMove>> chunks = Soql.chunks(moves, PER_CALL);
        for (int c = 0; c < chunks.size(); c++) {
            List<ActivityMove> chunk = chunks.get(c);
            SObject[] updates = chunk.stream().map(move -> toUpdate(tasks.get(move.activityId()).id(), move.to()))
                    .toArray(SObject[]::new);
            SaveResult[] saved;
            try {
                saved = partner.call("move activities", connection -> connection.update(updates));
            } catch (CrmUnavailableException e) {
                if (!anyWritten) {
                    throw e;
                }
                for (List<ActivityMove> rest : chunks.subList(c, chunks.size())) {
                    rest.forEach(move -> errors.put(move.activityId(), "not moved, Salesforce unavailable: "
                            + e.getMessage()));
                }
                return errors;
            }
            anyWritten = true;
            for (int i = 0; i < chunk.size(); i++) {
                SaveResult result = i < saved.length ? saved[i] : null;
                if (result != null && result.isSuccess()) {
                    continue;
                }
                IError error = result == null || result.getErrors().length == 0 ? null : result.getErrors()[0];
                errors.put(chunk.get(i).activityId(), error == null ? "UNKNOWN: Salesforce gave no reason"
                        : KeyField.code(error) + ": " + error.getMessage()
                        + (error.getFields().length == 0 ? "" : " (" + String.join(", ", error.getFields()) + ")"));
            }
        }
        return errors;
    }

    private SObject toUpdate(String taskId, RecordRef target) {
        SObject task = new SObject(mapping.object());
        String link = linkOf(target.type());
        // The partner WSDL's sObject is a sequence: type, fieldsToNull, Id, then the fields.
        String[] others = mapping.linkFields().stream().filter(field -> !field.equals(link)).toArray(String[]::new);
        if (others.length > 0) {
            task.setFieldsToNull(others);
        }
        task.setId(taskId);
        task.setField(link, target.id());
        return task;
    }

    private boolean isAlreadyThere(Links links, RecordRef target) {
        String link = linkOf(target.type());
        return sameId(links.links().get(link), target.id()) && links.links().entrySet().stream()
                .allMatch(entry -> entry.getKey().equals(link) || entry.getValue() == null);
    }

    private String linkOf(RecordType type) {
        return mapping.link(RecordKind.valueOf(type.name()));
    }

    /** Equal ids, one possibly in its 15-character form. */
    static boolean sameId(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.length() == 18 && b.length() == 15) {
            return a.startsWith(b);
        }
        if (a.length() == 15 && b.length() == 18) {
            return b.startsWith(a);
        }
        return Objects.equals(a, b);
    }
}
