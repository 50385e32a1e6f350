package dev.textbridge.crm.local;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.ActivityMoveResult;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Text-message activities on records, unique by their external key, with their media. */
final class ActivityStore {

    private static final int CHUNK = 500;

    List<ActivityWriteResult> write(Connection connection, List<ActivityDraft> drafts) throws SQLException {
        Map<String, String> idByKey = existingIds(connection, drafts);
        Map<String, RecordType> recordTypes = recordTypes(connection,
                drafts.stream().map(draft -> draft.record().id()).collect(Collectors.toSet()));
        List<ActivityDraft> toInsert = new ArrayList<>();
        List<ActivityWriteResult> results = new ArrayList<>();
        for (ActivityDraft draft : drafts) {
            String id = idByKey.get(draft.externalKey());
            if (id == null && recordTypes.get(draft.record().id()) != draft.record().type()) {
                results.add(ActivityWriteResult.failed(draft.externalKey(),
                        "the local CRM has no " + draft.record().type().wireName() + " " + draft.record().id(), false));
                continue;
            }
            if (id == null) {
                id = Ids.next("ACT-");
                idByKey.put(draft.externalKey(), id);
                toInsert.add(draft);
            }
            results.add(ActivityWriteResult.written(draft.externalKey(), id));
        }
        insert(connection, toInsert, idByKey);
        return results;
    }

    void update(Connection connection, List<ActivityUpdate> updates) throws SQLException {
        Database.batch(connection, "update local_crm_activity set status = ?, failure_reason = ? where id = ?",
                updates.stream().map(update -> Arrays.asList(update.status().name(),
                        update.failureReason() == null ? null : update.failureReason().name(),
                        update.activityId())).toList());
    }

    List<ActivityMoveResult> move(Connection connection, List<ActivityMove> moves) throws SQLException {
        List<ActivityMoveResult> results = new ArrayList<>();
        for (ActivityMove move : moves) {
            boolean targetExists = !Database.query(connection,
                    "select id from local_crm_record where id = ? and type = ?",
                    List.of(move.to().id(), move.to().type().wireName()), row -> row.getString("id")).isEmpty();
            if (!targetExists) {
                results.add(ActivityMoveResult.failed(move.activityId(), "no " + move.to().type().wireName() + " " + move.to().id()));
                continue;
            }
            int updated = Database.update(connection, "update local_crm_activity set record_id = ? where id = ?",
                    List.of(move.to().id(), move.activityId()));
            results.add(updated == 1 ? ActivityMoveResult.moved(move.activityId())
                    : ActivityMoveResult.failed(move.activityId(), "no activity " + move.activityId()));
        }
        return results;
    }

    List<LocalActivity> on(Connection connection, String recordId) throws SQLException {
        Map<String, List<MediaAttachment>> media = new HashMap<>();
        Database.query(connection, """
                select m.activity_id, m.url, m.content_type
                from local_crm_activity_media m join local_crm_activity a on a.id = m.activity_id
                where a.record_id = ?
                order by m.activity_id, m.media_order
                """, List.of(recordId), row -> Map.entry(row.getString("activity_id"),
                new MediaAttachment(row.getString("url"), row.getString("content_type"))))
                .forEach(item -> media.computeIfAbsent(item.getKey(), id -> new ArrayList<>()).add(item.getValue()));
        return Database.query(connection, """
                select id, direction, body, from_number, to_number, occurred_at, provider, provider_message_id,
                       status, failure_reason, owner_id
                from local_crm_activity where record_id = ? order by occurred_at, seq
                """, List.of(recordId), row -> activity(row, media.get(row.getString("id"))));
    }

    private static LocalActivity activity(ResultSet row, List<MediaAttachment> media) throws SQLException {
        String status = row.getString("status");
        String failureReason = row.getString("failure_reason");
        Direction direction = Direction.valueOf(row.getString("direction").toUpperCase(Locale.ROOT));
        return new LocalActivity(row.getString("id"), direction, row.getString("body"), row.getString("from_number"), row.getString("to_number"),
                Database.instant(row, "occurred_at"), row.getString("provider"), row.getString("provider_message_id"),
                status == null ? null : DeliveryStatus.valueOf(status),
                failureReason == null ? null : FailureReason.valueOf(failureReason), media, row.getString("owner_id"));
    }

    private static void insert(Connection connection, List<ActivityDraft> drafts, Map<String, String> idByKey)
            throws SQLException {
        Database.batch(connection, """
                insert into local_crm_activity (id, external_key, record_id, direction, body, from_number, to_number,
                                                occurred_at, provider, provider_message_id, status, owner_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, drafts.stream().map(draft -> Arrays.asList(idByKey.get(draft.externalKey()), draft.externalKey(),
                draft.record().id(), draft.direction().wireName(), draft.body(), valueOf(draft.from()),
                valueOf(draft.to()), draft.at(), draft.provider(), draft.providerMessageId(),
                draft.status() == null ? null : draft.status().name(), draft.ownerId())).toList());
        List<List<Object>> media = new ArrayList<>();
        for (ActivityDraft draft : drafts) {
            for (int i = 0; i < draft.media().size(); i++) {
                MediaAttachment item = draft.media().get(i);
                media.add(Arrays.asList(idByKey.get(draft.externalKey()), i, item.url(), item.contentType()));
            }
        }
        Database.batch(connection, """
                insert into local_crm_activity_media (activity_id, media_order, url, content_type) values (?, ?, ?, ?)
                """, media);
    }

    private static Map<String, String> existingIds(Connection connection, List<ActivityDraft> drafts)
            throws SQLException {
        Map<String, String> idByKey = new LinkedHashMap<>();
        List<String> keys = drafts.stream().map(ActivityDraft::externalKey).distinct().toList();
        for (List<String> chunk : Database.chunks(keys, CHUNK)) {
            Database.query(connection, "select external_key, id from local_crm_activity where external_key in (%s)"
                            .formatted(Database.placeholders(chunk.size())), chunk,
                    row -> Map.entry(row.getString("external_key"), row.getString("id")))
                    .forEach(entry -> idByKey.put(entry.getKey(), entry.getValue()));
        }
        return idByKey;
    }

    private static Map<String, RecordType> recordTypes(Connection connection, Set<String> recordIds)
            throws SQLException {
        Map<String, RecordType> types = new HashMap<>();
        for (List<String> chunk : Database.chunks(List.copyOf(recordIds), CHUNK)) {
            Database.query(connection, "select id, type from local_crm_record where id in (%s)"
                            .formatted(Database.placeholders(chunk.size())), chunk,
                    row -> new RecordRef(RecordType.fromWireName(row.getString("type")), row.getString("id")))
                    .forEach(ref -> types.put(ref.id(), ref.type()));
        }
        return types;
    }

    private static String valueOf(PhoneNumber number) {
        return number == null ? null : number.value();
    }
}
