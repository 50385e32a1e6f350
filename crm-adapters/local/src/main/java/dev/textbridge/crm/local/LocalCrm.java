package dev.textbridge.crm.local;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.ConsentChange;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.ActivityMoveResult;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.PhoneNumber;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The local CRM: an embedded CRM in the connector's own database (H2 or PostgreSQL), and the reference
 * implementation of {@link CrmAdapter}.
 * <p>
 * Users, teams and records come from a seed YAML ({@link #seedIfEmpty}); leads the connector creates and the
 * activities it writes are stored beside them in tables prefixed {@code local_crm_}, migrated with Flyway from
 * {@code classpath:db/local-crm} under the history table {@code local_crm_schema_history} ({@link #migrate}).
 * <p>
 * For demos and outage tests it can be switched off ({@link #setAvailable}), made to answer as slowly as a remote CRM
 * ({@link #setLatency}, for benchmarks), and counts the calls made to it ({@link #apiCalls}). {@link #records()} and {@link #activities} are read-only views for people; they are not CRM
 * calls, so they are neither counted nor switched off, and neither is {@link #type()}.
 * <p>
 * Thread-safe, also across connector instances sharing one PostgreSQL database: every call runs in its own
 * transaction, and a database failure surfaces as {@link CrmUnavailableException}.
 */
public final class LocalCrm implements CrmAdapter {

    /** The value of {@code textbridge.crm.type} that selects this adapter. */
    public static final String TYPE = "local";

    private final Database database;
    private final Clock clock;
    private final Directory directory = new Directory();
    private final RecordStore records;
    private final ActivityStore activities = new ActivityStore();
    private final NotificationStore notifications = new NotificationStore();
    private final AtomicLong apiCalls = new AtomicLong();
    private volatile boolean available = true;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean readOnly;

    /**
     * A local CRM over the given database; call {@link #migrate()} before anything else.
     *
     * @param defaultRegion ISO 3166 region for phones written without a country code, e.g. {@code US}
     * @param clock         the time of seeding and of lead creation
     */
    public LocalCrm(DataSource dataSource, String defaultRegion, Clock clock) {
        this.database = new Database(Objects.requireNonNull(dataSource, "dataSource"));
        this.records = new RecordStore(Objects.requireNonNull(defaultRegion, "defaultRegion"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates or upgrades the local CRM's tables; does nothing when they are up to date. Other tables in the same
     * schema, such as the connector's own, are left alone.
     */
    public void migrate() {
        Flyway.configure(LocalCrm.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations("classpath:db/local-crm")
                .table("local_crm_schema_history")
                // The connector's own tables may already be there: start our history at 0, then apply V1 and on.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * Loads users, teams and records from a seed YAML, but only into an empty local CRM, so that the leads and
     * activities written since survive restarts. Phones are free text; {@code active} defaults to true,
     * {@code last-modified} to now, and {@code source} (a lead source) to none.
     *
     * @return whether the seed was loaded (false: the CRM already held users, teams or records; the file is not read)
     * @throws InvalidSeedException naming each entry at fault (nothing is stored then): a record without id, name or
     *                              known type, a repeated id, an opportunity's unknown contact or account, a user's
     *                              unknown team, a last-modified that is no instant
     */
    public boolean seedIfEmpty(InputStream yaml) {
        Objects.requireNonNull(yaml, "yaml");
        if (!database.inTransaction(this::isEmpty)) {
            return false;
        }
        SeedFile.Content content = SeedFile.read(yaml).validate(clock.instant());
        return database.inTransaction(connection -> {
            if (!isEmpty(connection)) {
                return false;
            }
            directory.insert(connection, content.users(), content.teams());
            records.insert(connection, content.records());
            return true;
        });
    }

    private boolean isEmpty(Connection connection) throws SQLException {
        return directory.isEmpty(connection) && records.isEmpty(connection);
    }

    /** Switches the CRM on or off; while off every {@link CrmAdapter} call throws {@link CrmUnavailableException}. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /**
     * Puts the CRM in read-only mode, as Salesforce is during some maintenance windows: reads answer, every write
     * ({@code writeActivities}, {@code updateActivities}, {@code moveActivities}, {@code recordConsent},
     * {@code sendNotifications}) throws {@link CrmUnavailableException}.
     */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** Whether the CRM is switched on (the default). */
    public boolean isAvailable() {
        return available;
    }

    /**
     * Makes every {@link CrmAdapter} call wait this long before it does anything, as the round trip to a remote CRM
     * would; refused calls wait too. Zero (the default) adds nothing. The views and {@link #type()} do not wait.
     *
     * @throws IllegalArgumentException when the latency is negative
     */
    public void setLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("the local CRM's latency cannot be negative: " + latency);
        }
        this.latency = latency;
    }

    /** How long each {@link CrmAdapter} call waits before it runs; zero by default. */
    public Duration latency() {
        return latency;
    }

    /** How many {@link CrmAdapter} calls were made, one per call whatever its batch size, including refused ones. */
    public long apiCalls() {
        return apiCalls.get();
    }

    /** All records, seeded ones first in seed order, then the leads the connector created, oldest first. */
    public List<LocalRecord> records() {
        return database.inTransaction(records::all);
    }

    /** The activities on a record, oldest first; empty for a record without any or one that does not exist. */
    public List<LocalActivity> activities(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        return database.inTransaction(connection -> activities.on(connection, recordId));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<PhoneNumber, List<CandidateRecord>> findCandidates(Set<PhoneNumber> numbers) {
        Objects.requireNonNull(numbers, "numbers");
        return call(() -> numbers.isEmpty() ? Map.of()
                : database.inTransaction(connection -> records.findCandidates(connection, numbers)));
    }

    @Override
    public Map<RecordRef, CrmRecord> findRecords(Set<RecordRef> refs) {
        Objects.requireNonNull(refs, "refs");
        return call(() -> refs.isEmpty() ? Map.of()
                : database.inTransaction(connection -> records.findRecords(connection, refs)));
    }

    @Override
    public Map<RecordRef, List<CrmRecord>> findRelatedRecords(Set<RecordRef> refs) {
        Objects.requireNonNull(refs, "refs");
        return call(() -> refs.isEmpty() ? Map.of()
                : database.inTransaction(connection -> records.findRelated(connection, refs)));
    }

    @Override
    public List<ActivityWriteResult> writeActivities(List<ActivityDraft> drafts) {
        Objects.requireNonNull(drafts, "drafts");
        return writeCall(() -> drafts.isEmpty() ? List.of() : database.inTransaction(connection -> write(connection, drafts)));
    }

    /** The leads the drafts name, then the activities, in one transaction: a crash leaves both or neither. */
    private List<ActivityWriteResult> write(Connection connection, List<ActivityDraft> drafts) throws SQLException {
        List<NewLead> newLeads = drafts.stream().map(ActivityDraft::newLead).filter(Objects::nonNull).toList();
        Map<String, RecordStore.LeadOutcome> leads = newLeads.isEmpty() ? Map.of()
                : records.createLeads(connection, newLeads, clock.instant());
        List<ActivityDraft> onRecords = new ArrayList<>();
        for (ActivityDraft draft : drafts) {
            if (draft.newLead() == null) {
                onRecords.add(draft);
            } else if (leads.get(draft.newLead().requestKey()).lead() != null) {
                onRecords.add(draft.on(leads.get(draft.newLead().requestKey()).lead().ref()));
            }
        }
        Iterator<ActivityWriteResult> written = activities.write(connection, onRecords).iterator();
        List<ActivityWriteResult> results = new ArrayList<>(drafts.size());
        for (ActivityDraft draft : drafts) {
            RecordStore.LeadOutcome lead = draft.newLead() == null ? null : leads.get(draft.newLead().requestKey());
            if (lead == null) {
                results.add(written.next());
            } else if (lead.lead() == null) {
                results.add(ActivityWriteResult.failed(draft.externalKey(), lead.refusal(), false));
            } else {
                ActivityWriteResult result = written.next();
                results.add(result.isWritten()
                        ? ActivityWriteResult.written(result.externalKey(), result.activityId(), lead.lead()) : result);
            }
        }
        return results;
    }

    @Override
    public void updateActivities(List<ActivityUpdate> updates) {
        Objects.requireNonNull(updates, "updates");
        writeCall(() -> updates.isEmpty() ? null
                : database.inTransaction(connection -> {
                    activities.update(connection, updates);
                    return null;
                }));
    }

    @Override
    public Map<String, CrmUser> findUsers(Set<String> userIds) {
        Objects.requireNonNull(userIds, "userIds");
        return call(() -> userIds.isEmpty() ? Map.of()
                : database.inTransaction(connection -> directory.findUsers(connection, userIds)));
    }

    @Override
    public Map<String, CrmTeam> findTeams(Set<String> teamIds) {
        Objects.requireNonNull(teamIds, "teamIds");
        return call(() -> teamIds.isEmpty() ? Map.of()
                : database.inTransaction(connection -> directory.findTeams(connection, teamIds)));
    }

    @Override
    public List<CrmRecord> searchRecords(String query, Set<RecordType> types, int limit) {
        Objects.requireNonNull(types, "types");
        return call(() -> query == null || query.isBlank() || types.isEmpty() || limit < 1 ? List.of()
                : database.inTransaction(connection -> records.search(connection, query.strip(), types, limit)));
    }

    @Override
    public List<ActivityMoveResult> moveActivities(List<ActivityMove> moves) {
        Objects.requireNonNull(moves, "moves");
        return writeCall(() -> moves.isEmpty() ? List.of()
                : database.inTransaction(connection -> activities.move(connection, moves)));
    }

    @Override
    public void sendNotifications(List<Notification> notifications) {
        Objects.requireNonNull(notifications, "notifications");
        writeCall(() -> notifications.isEmpty() ? null : database.inTransaction(connection -> {
            this.notifications.send(connection, notifications, clock.instant());
            return null;
        }));
    }

    /** The notifications a user has received, newest first; a view for people, not a CRM call. */
    /** Whether the record shows its customer opted out of texts; empty when no keyword changed it yet. */
    public Optional<Boolean> smsOptOut(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        return database.inTransaction(connection -> records.smsOptOut(connection, recordId));
    }

    @Override
    public void recordConsent(List<ConsentChange> changes) {
        Objects.requireNonNull(changes, "changes");
        writeCall(() -> changes.isEmpty() ? null : database.inTransaction(connection -> {
            records.recordConsent(connection, changes);
            return null;
        }));
    }

    public List<SentNotification> notifications(String userId) {
        Objects.requireNonNull(userId, "userId");
        return database.inTransaction(connection -> notifications.of(connection, userId));
    }

    private <T> T call(Supplier<T> work) {
        apiCalls.incrementAndGet();
        waitForLatency();
        if (!available) {
            throw new CrmUnavailableException("the local CRM is switched off");
        }
        return work.get();
    }

    private <T> T writeCall(Supplier<T> work) {
        return call(() -> {
            if (readOnly) {
                throw new CrmUnavailableException("the local CRM is read-only");
            }
            return work.get();
        });
    }

    private void waitForLatency() {
        Duration wait = latency;
        if (wait.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while waiting for the local CRM", e);
        }
    }
}
