package dev.textbridge.crm.local;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.textbridge.crm.local.LocalCrmUnderTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What the local CRM offers beyond the adapter contract: the off switch, the call counter and the views. */
class LocalCrmTest {

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final RecordRef A_1 = new RecordRef(RecordType.ACCOUNT, "A-1");
    private static final PhoneNumber DANA = PhoneNumber.parse("+1 555 010 0200", "US");
    private static final PhoneNumber NEW_CUSTOMER = PhoneNumber.parse("+1 555 010 0999", "US");
    private static final PhoneNumber BUSINESS_LINE = PhoneNumber.parse("+1 555 010 0001", "US");

    private final H2Database database = new H2Database();
    private final LocalCrm crm = LocalCrmUnderTest.seededWith(database.dataSource(), CrmFixture.standard());

    @AfterEach
    void dropTheDatabase() throws Exception {
        database.close();
    }

    @Test
    void whileSwitchedOffEveryCallIsRefusedAndNothingIsWritten() {
        crm.setAvailable(false);

        assertThat(crm.isAvailable()).isFalse();
        for (ThrowingCallable call : everyCall()) {
            assertThatThrownBy(call).isInstanceOf(CrmUnavailableException.class)
                    .hasMessage("the local CRM is switched off");
        }
        crm.setAvailable(true);
        assertThat(crm.activities("C-1")).isEmpty();
        assertThat(crm.findCandidates(Set.of(NEW_CUSTOMER)).get(NEW_CUSTOMER)).isEmpty();
    }

    @Test
    void switchedOnAgainTheCrmAnswersAsBefore() {
        crm.setAvailable(false);
        crm.setAvailable(true);

        assertThat(crm.findCandidates(Set.of(DANA)).get(DANA)).hasSize(4);
    }

    @Test
    void theViewsStillShowTheCrmWhileItIsSwitchedOff() {
        crm.setAvailable(false);

        assertThat(crm.records()).hasSize(CrmFixture.standard().records().size());
        assertThat(crm.activities("C-1")).isEmpty();
    }

    @Test
    void eachCallCountsOnceWhateverItsBatchSize() {
        crm.findCandidates(Set.of(DANA, NEW_CUSTOMER, BUSINESS_LINE));
        crm.writeActivities(List.of(inbound("twilio:SM1", "one"), inbound("twilio:SM2", "two"),
                inbound("twilio:SM3", "three")));
        crm.findUsers(Set.of("U-ALICE", "U-BOB"));
        crm.findRecords(Set.of(C_1, A_1, new RecordRef(RecordType.LEAD, "L-404")));

        assertThat(crm.apiCalls()).isEqualTo(4);
    }

    @Test
    void findingMoreRecordsThanOneQueryTakesIsStillOneCall() {
        Set<RecordRef> refs = IntStream.range(0, 1_200).mapToObj(i -> new RecordRef(RecordType.LEAD, "L-X" + i))
                .collect(Collectors.toSet());
        refs.add(C_1);
        refs.add(A_1);

        Map<RecordRef, CrmRecord> found = crm.findRecords(refs);

        assertThat(found).containsOnlyKeys(C_1, A_1);
        assertThat(crm.apiCalls()).isEqualTo(1);
    }

    @Test
    void refusedCallsCountButTheViewsAndTheTypeDoNot() {
        crm.setAvailable(false);
        for (ThrowingCallable call : everyCall()) {
            assertThatThrownBy(call).isInstanceOf(CrmUnavailableException.class);
        }
        crm.setAvailable(true);
        crm.records();
        crm.activities("C-1");
        crm.type();

        assertThat(crm.apiCalls()).isEqualTo(everyCall().size());
    }

    @Test
    void theRecordsViewShowsALeadTheConnectorCreated() {
        RecordRef lead = LocalCrmUnderTest.leadWithText(crm,
                new NewLead("twilio:SM1", NEW_CUSTOMER, "T-WEST", "SMS +15550100999"));

        assertThat(lead.id()).matches("L-[0-9A-Z]{8}");
        assertThat(crm.records()).last().isEqualTo(new LocalRecord(RecordType.LEAD, lead.id(), "SMS +15550100999",
                "T-WEST", true, NOW, Map.of("mobile", "+15550100999"), null, null, "SMS"));
    }

    @Test
    void aNewCustomersLeadAndItsFirstTextCostOneCall() {
        long before = crm.apiCalls();

        RecordRef lead = LocalCrmUnderTest.leadWithText(crm,
                new NewLead("twilio:SM1", NEW_CUSTOMER, "U-ALICE", "SMS +15550100999"));

        assertThat(crm.apiCalls() - before).isEqualTo(1);
        assertThat(crm.activities(lead.id())).singleElement().extracting(LocalActivity::body).isEqualTo("Hi");
    }

    @Test
    void aLeadTheConnectorCreatedHasTheLeadSourceSmsWhileSeededRecordsHaveNone() {
        String lead = LocalCrmUnderTest.leadWithText(crm,
                new NewLead("twilio:SM1", NEW_CUSTOMER, "U-ALICE", "SMS +15550100999")).id();

        assertThat(crm.records()).filteredOn(record -> record.id().equals(lead))
                .singleElement().extracting(LocalRecord::source).isEqualTo("SMS");
        assertThat(crm.records()).filteredOn(record -> !record.id().equals(lead))
                .extracting(LocalRecord::source).containsOnlyNulls();
    }

    @Test
    void aDatabaseCreatedBeforeLeadSourcesKeepsItsLeadsAndGainsTheColumn() throws Exception {
        try (H2Database older = new H2Database()) {
            Flyway.configure(LocalCrm.class.getClassLoader()).dataSource(older.dataSource())
                    .locations("classpath:db/local-crm").table("local_crm_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").target("1")
                    .load().migrate();
            try (Connection connection = older.dataSource().getConnection()) {
                Database.update(connection, """
                        insert into local_crm_record (id, type, name, owner_id, active, last_modified, request_key)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """, List.of("L-OLD", "lead", "SMS +15550100999", "U-ALICE", true, NOW, "twilio:SM1"));
                Database.update(connection, "insert into local_crm_user (id, name, sms_privilege) values (?, ?, ?)",
                        List.of("U-ALICE", "Alice Seller", true));
            }

            LocalCrm upgraded = LocalCrmUnderTest.over(older.dataSource());
            RecordRef again = LocalCrmUnderTest.leadWithText(upgraded,
                    new NewLead("twilio:SM1", NEW_CUSTOMER, "U-ALICE", "SMS +15550100999"));
            RecordRef fresh = LocalCrmUnderTest.leadWithText(upgraded,
                    new NewLead("twilio:SM2", NEW_CUSTOMER, "U-ALICE", "SMS +15550100999"));

            assertThat(again.id()).isEqualTo("L-OLD");
            assertThat(upgraded.records()).extracting(LocalRecord::id, LocalRecord::source)
                    .containsExactly(tuple("L-OLD", null), tuple(fresh.id(), "SMS"));
        }
    }

    @Test
    void theActivitiesViewShowsEveryDetailOldestFirst() {
        MediaAttachment photo = new MediaAttachment("https://api.twilio.com/media/ME1", "image/jpeg");
        crm.writeActivities(List.of(
                new ActivityDraft("twilio:SM2", C_1, Direction.OUTBOUND, BUSINESS_LINE, DANA, "See you then", List.of(),
                        Instant.parse("2026-11-20T09:05:00Z"), "twilio", "SM2", DeliveryStatus.QUEUED),
                new ActivityDraft("twilio:SM1", C_1, Direction.INBOUND, DANA, BUSINESS_LINE, "Here is the form",
                        List.of(photo), Instant.parse("2026-11-20T09:00:00Z"), "twilio", "SM1", null)));
        String reply = crm.activities("C-1").get(1).id();
        crm.updateActivities(List.of(
                new ActivityUpdate(reply, DeliveryStatus.FAILED, FailureReason.RECIPIENT_OPTED_OUT)));

        List<LocalActivity> activities = crm.activities("C-1");

        assertThat(activities).hasSize(2);
        assertThat(activities.get(0)).usingRecursiveComparison().ignoringFields("id").isEqualTo(
                new LocalActivity(null, Direction.INBOUND, "Here is the form", "+15550100200", "+15550100001",
                        Instant.parse("2026-11-20T09:00:00Z"), "twilio", "SM1", null, null, List.of(photo), null));
        assertThat(activities.get(1)).usingRecursiveComparison().ignoringFields("id").isEqualTo(
                new LocalActivity(null, Direction.OUTBOUND, "See you then", "+15550100001", "+15550100200",
                        Instant.parse("2026-11-20T09:05:00Z"), "twilio", "SM2", DeliveryStatus.FAILED,
                        FailureReason.RECIPIENT_OPTED_OUT, List.of(), null));
    }

    @Test
    void aRecordWithoutActivitiesOrThatDoesNotExistShowsNone() {
        assertThat(crm.activities("A-1")).isEmpty();
        assertThat(crm.activities("C-404")).isEmpty();
    }

    @Test
    void connectorInstancesCreatingTheSameLeadAtOnceCreateOne() throws Exception {
        NewLead lead = new NewLead("twilio:SM7", NEW_CUSTOMER, "U-ALICE", "SMS +15550100999");

        List<RecordRef> refs = atOnce(8, () -> LocalCrmUnderTest.leadWithText(crm, lead));

        assertThat(refs).containsOnly(refs.get(0));
        assertThat(crm.records()).filteredOn(record -> record.type() == RecordType.LEAD)
                .extracting(LocalRecord::id).containsOnlyOnce(refs.get(0).id());
    }

    @Test
    void connectorInstancesWritingTheSameActivityAtOnceWriteOne() throws Exception {
        List<String> ids = atOnce(8, () -> crm.writeActivities(List.of(inbound("twilio:SM8", "once"))).get(0)
                .activityId());

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(crm.activities("C-1")).extracting(LocalActivity::id).containsExactly(ids.get(0));
    }

    @Test
    void theLocalCrmsTablesLiveBesideTheConnectorsOwn() throws Exception {
        try (H2Database shared = new H2Database();
             Connection connection = shared.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table inbox (id bigint primary key)");

            LocalCrm beside = LocalCrmUnderTest.over(shared.dataSource());
            beside.migrate(); // as on every restart: nothing to do

            assertThat(beside.seedIfEmpty(LocalCrmUnderTest.seedOf(CrmFixture.standard()))).isTrue();
            assertThat(beside.findCandidates(Set.of(DANA)).get(DANA)).hasSize(4);
        }
    }

    private List<ThrowingCallable> everyCall() {
        return List.of(
                () -> crm.findCandidates(Set.of(DANA)),
                () -> crm.writeActivities(List.of(inbound("twilio:SM9", "lost"))),
                () -> crm.updateActivities(List.of(new ActivityUpdate("ACT-1", DeliveryStatus.SENT, null))),
                () -> crm.findUsers(Set.of("U-ALICE")),
                () -> crm.findTeams(Set.of("T-EAST")),
                () -> crm.findRecords(Set.of(C_1)));
    }

    private static ActivityDraft inbound(String externalKey, String body) {
        return new ActivityDraft(externalKey, C_1, Direction.INBOUND, DANA, BUSINESS_LINE, body, List.of(),
                Instant.parse("2026-11-20T09:00:00Z"), "twilio", externalKey.substring(7), null);
    }

    private static <T> List<T> atOnce(int callers, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<T>> answers = pool.invokeAll(IntStream.range(0, callers).mapToObj(i -> call).toList());
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
