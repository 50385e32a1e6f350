package dev.textbridge.connector.inbox;

import dev.textbridge.connector.conversation.ConversationMessage;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.conversation.ConversationSummary;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the durable inbox promises on every database it runs on. Each subclass hands every test a fresh, empty
 * database; the store is built as the connector builds it, without Spring's application context. Time is a fixed
 * instant passed to the store, never the wall clock.
 */
abstract class InboxStoreContractTest {

    static final Instant NOW = Instant.parse("2026-03-14T09:26:53.589793Z");
    static final Instant RECEIVED = NOW.minusSeconds(30);
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);

    static final String ALICES_NUMBER = "+15550100001";
    static final String DANA = "+15550100200";
    static final String EVE = "+15550100210";
    static final String FRANK = "+15550100220";

    static final RecordRef DANAS_CONTACT = new RecordRef(RecordType.CONTACT, "C-1");
    static final DecisionTrace RULE_4 = new DecisionTrace("rule-4", false, List.of(
            new CandidateTrace("contact", "C-1", "Dana Customer", "business", "chosen",
                    Map.of("rule-4", "contact, 1st in type order", "rule-2", "owned by U-ALICE, the seller")),
            new CandidateTrace("opportunity", "O-1", "Dana's renewal", "contact.business", "lost at rule-4",
                    Map.of("rule-4", "opportunity, 3rd in type order"))),
            "C-1 is the record Alice texted with last (rule 4)");

    private static final AtomicInteger SIDS = new AtomicInteger();

    DataSource dataSource;
    InboxStore inbox;

    /** A new, empty database for one test. */
    protected abstract DataSource freshDatabase();

    /** Connections to the same database as a second connector instance would have them. */
    protected DataSource anotherInstancesPool() {
        return dataSource;
    }

    @BeforeEach
    void migratedStore() {
        dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        inbox = storeOn(dataSource);
    }

    /** The inbox as FlowConfiguration builds it; a second one on the same database is a second connector instance. */
    static InboxStore storeOn(DataSource dataSource) {
        return new InboxStore(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                JsonMapper.builder().build(), InboxStore.Database.of(dataSource));
    }

    // --- accepting callbacks

    @Test
    void anAcceptedTextIsStoredAsReceivedAndReadBackExactly() {
        String body = textOf(1600, "Grüße aus Zürich 👋🏽 — 你好! ");
        InboundMessage message = new InboundMessage("twilio", "MM" + "0123456789abcdef".repeat(2), phone(DANA),
                phone(ALICES_NUMBER), body,
                List.of(new MediaAttachment("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg"),
                        new MediaAttachment("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2", null)),
                11, RECEIVED);

        assertThat(inbox.accept(message)).isTrue();

        InboxEntry entry = entryOf(message);
        assertThat(entry.message()).isEqualTo(message);
        assertThat(entry.message().body().codePointCount(0, entry.message().body().length())).isEqualTo(1600);
        assertThat(entry.key()).isEqualTo("twilio:" + message.providerMessageId());
        assertThat(entry.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(entry.attempts()).isZero();
        assertThat(entry.firstFailureAt()).isNull();
        assertThat(entry.lastError()).isNull();
        assertThat(entry.isRouted()).isFalse();
        assertThat(entry.recordName()).isNull();
        assertThat(entry.decision()).isNull();
        assertThat(entry.activityId()).isNull();
        assertThat(entry.updatedAt()).isEqualTo(RECEIVED);
        assertThat(inbox.pendingCount()).isEqualTo(1);
    }

    @Test
    void aTextWithoutMediaIsReadBackWithNoMediaAndAnEmptyBodyStaysEmpty() {
        InboundMessage plain = text(DANA, "just words");
        InboundMessage empty = text(EVE, "");

        inbox.accept(plain);
        inbox.accept(empty);

        assertThat(entryOf(plain).message()).isEqualTo(plain);
        assertThat(entryOf(plain).message().media()).isEmpty();
        assertThat(entryOf(empty).message().body()).isEmpty();
    }

    @Test
    void acceptingTheSameProviderAndMessageIdAgainAnswersFalseAndStoresNothingNew() {
        InboundMessage first = text(DANA, "Hi Alice");
        InboundMessage repeat = new InboundMessage(first.provider(), first.providerMessageId(), first.from(), first.to(),
                "the provider's retry, slightly different", List.of(), 2, RECEIVED.plusSeconds(5));
        inbox.accept(first);

        assertThat(inbox.accept(repeat)).isFalse();

        assertThat(entryOf(first).message()).isEqualTo(first);
        assertThat(rowsIn("inbox_message")).isEqualTo(1);
    }

    @Test
    void theSameMessageIdFromAnotherProviderIsAnotherMessage() {
        InboundMessage fromTwilio = text(DANA, "one");
        InboundMessage fromVonage = new InboundMessage("vonage", fromTwilio.providerMessageId(), fromTwilio.from(),
                fromTwilio.to(), "two", List.of(), 1, RECEIVED);

        assertThat(inbox.accept(fromTwilio)).isTrue();
        assertThat(inbox.accept(fromVonage)).isTrue();

        assertThat(entryOf(fromVonage).message().body()).isEqualTo("two");
        assertThat(inbox.pendingCount()).isEqualTo(2);
    }

    @Test
    void tenThreadsAcceptingTheSameTextAtOnceStoreItOnceAndExactlyOneOfThemHearsItIsNew() throws Exception {
        InboundMessage message = text(DANA, "sent once, called back ten times");

        List<Boolean> answers = concurrently(10, () -> inbox.accept(message));

        assertThat(answers).hasSize(10).containsOnlyOnce(true);
        assertThat(rowsIn("inbox_message")).isEqualTo(1);
        assertThat(entryOf(message).message()).isEqualTo(message);
    }

    // --- group commit

    @Test
    void aGroupStoresEachNewTextOnceAndCallsARepeatBothATextStoredBeforeAndOneEarlierInTheSameGroup() {
        InboundMessage before = text(DANA, "stored before");
        stored(before);
        InboundMessage first = text(EVE, "first");
        InboundMessage second = text(FRANK, "second");
        InboundMessage firstAgain = retryOf(first);

        List<Boolean> answers = inbox.acceptAll(List.of(first, retryOf(before), second, firstAgain));

        assertThat(answers).containsExactly(true, false, true, false);
        assertThat(entryOf(first).message()).isEqualTo(first);
        assertThat(entryOf(second).message()).isEqualTo(second);
        assertThat(entryOf(before).message()).isEqualTo(before);
        assertThat(rowsIn("inbox_message")).isEqualTo(3);
    }

    @Test
    void aGroupKeepsArrivalOrderSoThatEachCustomersTextsAreClaimedInTheOrderTheyCameIn() {
        List<InboundMessage> group = IntStream.range(0, 150).mapToObj(i -> text(i % 2 == 0 ? DANA : EVE, "text " + i)).toList();

        assertThat(inbox.acceptAll(group)).hasSize(150).containsOnly(true);

        assertThat(bodies(inbox.claimBatch(200, NOW, CLAIM_TIMEOUT)))
                .containsExactlyElementsOf(group.stream().map(InboundMessage::body).toList());
    }

    @Test
    void textsQueuedWhileNoCommitRunsAreCommittedTogetherAndEachCallerHearsWhetherItsTextWasNew() throws Exception {
        InboundMessage before = text(DANA, "stored before");
        stored(before);
        InboundMessage first = text(EVE, "first");
        InboundMessage second = text(FRANK, "second");
        List<Integer> groups = new CopyOnWriteArrayList<>();
        try (GroupCommitter<InboundMessage> committer = committer(groups)) {
            CompletableFuture<Boolean> a = committer.submit(first);
            CompletableFuture<Boolean> b = committer.submit(retryOf(first));
            CompletableFuture<Boolean> c = committer.submit(retryOf(before));
            CompletableFuture<Boolean> d = committer.submit(second);
            assertThat(List.of(a, b, c, d)).noneMatch(CompletableFuture::isDone);

            committer.start();

            assertThat(List.of(answer(a), answer(b), answer(c), answer(d))).containsExactly(true, false, false, true);
        }
        assertThat(groups).containsExactly(4);
        assertThat(rowsIn("inbox_message")).isEqualTo(3);
    }

    @Test
    void manyCallersAtOnceEachStoreTheirTextOnceAndExactlyOneCallerPerTextHearsItIsNew() throws Exception {
        List<InboundMessage> texts = IntStream.range(0, 200).mapToObj(i -> text(i % 3 == 0 ? DANA : EVE, "text " + i)).toList();
        AtomicInteger next = new AtomicInteger();
        List<Integer> groups = new CopyOnWriteArrayList<>();
        List<List<Boolean>> answers;
        try (GroupCommitter<InboundMessage> committer = committer(groups).start()) {
            // Eight callers, each text sent by two of them (a provider's retry racing the original).
            answers = concurrently(8, () -> {
                int caller = next.getAndIncrement();
                List<CompletableFuture<Boolean>> mine = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    if (i % 4 == caller % 4) {
                        mine.add(committer.submit(texts.get(i)));
                    }
                }
                List<Boolean> results = new ArrayList<>();
                for (CompletableFuture<Boolean> future : mine) {
                    results.add(future.get(60, TimeUnit.SECONDS));
                }
                return results;
            });
        }
        assertThat(answers.stream().flatMap(List::stream).filter(Boolean::booleanValue)).hasSize(200);
        assertThat(answers.stream().mapToInt(List::size).sum()).isEqualTo(400);
        assertThat(rowsIn("inbox_message")).isEqualTo(200);
        assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        texts.forEach(t -> assertThat(entryOf(t).message()).isEqualTo(t));
    }

    @Test
    void whenTheStoreFailsEveryCallerOfTheGroupHearsSoNothingIsAcknowledgedAndTheProvidersRetryIsStoredLater() throws Exception {
        InboundMessage first = text(DANA, "first");
        InboundMessage second = text(EVE, "second");
        jdbc().sql("alter table inbox_message rename to inbox_message_away").update();
        try (GroupCommitter<InboundMessage> committer = committer(new CopyOnWriteArrayList<>())) {
            CompletableFuture<Boolean> a = committer.submit(first);
            CompletableFuture<Boolean> b = committer.submit(second);
            committer.start();

            assertThat(failure(a)).isInstanceOf(GroupCommitter.NotCommittedException.class);
            assertThat(failure(b)).isInstanceOf(GroupCommitter.NotCommittedException.class);

            jdbc().sql("alter table inbox_message_away rename to inbox_message").update();
            assertThat(answer(committer.submit(retryOf(first)))).isTrue();
            assertThat(answer(committer.submit(retryOf(second)))).isTrue();
        }
        assertThat(rowsIn("inbox_message")).isEqualTo(2);
    }

    @Test
    void aTextTheStoreRefusesFailsOnlyItsOwnCallerAndTheRestOfItsGroupIsStored() throws Exception {
        InboundMessage first = text(DANA, "first");
        InboundMessage tooLong = text(EVE, "x".repeat(20_001));
        InboundMessage second = text(FRANK, "second");
        List<Integer> groups = new CopyOnWriteArrayList<>();
        try (GroupCommitter<InboundMessage> committer = committer(groups)) {
            CompletableFuture<Boolean> a = committer.submit(first);
            CompletableFuture<Boolean> refused = committer.submit(tooLong);
            CompletableFuture<Boolean> b = committer.submit(second);
            committer.start();

            assertThat(answer(a)).isTrue();
            assertThat(answer(b)).isTrue();
            assertThat(failure(refused)).isInstanceOf(GroupCommitter.NotCommittedException.class);
        }
        assertThat(groups).as("the group's commit failed as a whole; its texts were then stored one by one").isEmpty();
        assertThat(rowsIn("inbox_message")).isEqualTo(2);
        assertThat(inbox.find(tooLong.provider(), tooLong.providerMessageId())).isEmpty();
    }

    @Test
    void aCommitterThatIsShutDownRefusesNewTextsAndFinishesTheOnesItHad() throws Exception {
        InboundMessage queued = text(DANA, "queued");
        GroupCommitter<InboundMessage> committer = committer(new CopyOnWriteArrayList<>());
        CompletableFuture<Boolean> beforeClose = committer.submit(queued);
        committer.start();
        committer.close();

        assertThat(answer(beforeClose)).isTrue();
        assertThat(failure(committer.submit(text(EVE, "too late")))).isInstanceOf(GroupCommitter.NotCommittedException.class);
        assertThat(rowsIn("inbox_message")).isEqualTo(1);
    }

    /** The committer as FlowConfiguration builds it, noting the size of every group it committed together. */
    GroupCommitter<InboundMessage> committer(List<Integer> groups) {
        return new GroupCommitter<>("test inbox", group -> {
            List<Boolean> stored = inbox.acceptAll(group);
            groups.add(group.size());
            return stored;
        }, inbox::accept, 500, 1_000);
    }

    static InboundMessage retryOf(InboundMessage message) {
        return new InboundMessage(message.provider(), message.providerMessageId(), message.from(), message.to(),
                message.body(), message.media(), message.segments(), message.receivedAt().plusSeconds(15));
    }

    static boolean answer(CompletableFuture<Boolean> stored) throws Exception {
        return stored.get(60, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<Boolean> stored) throws Exception {
        try {
            stored.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the commit was expected to fail, but it succeeded");
    }

    @Test
    void reportsWaitingForATextNotKnownYetTakeTurnsWithNewOnesAndAreGivenUpAfterTheirTime() {
        for (int i = 1; i <= 3; i++) {
            inbox.accept(new DeliveryReport("vonage", "unknown-" + i, DeliveryStatus.DELIVERED, null, null, NOW));
        }
        List<InboxStore.PendingReport> first = inbox.pendingReports(2);
        assertThat(first).extracting(r -> r.report().providerMessageId()).containsExactly("unknown-1", "unknown-2");
        first.forEach(r -> assertThat(inbox.markReportChecked(r.id(), NOW, Duration.ofDays(1))).isFalse());

        assertThat(inbox.pendingReports(2)).extracting(r -> r.report().providerMessageId())
                .as("the one never checked comes before those that were").containsExactly("unknown-3", "unknown-1");

        long id = first.get(0).id();
        assertThat(inbox.markReportChecked(id, NOW.plus(Duration.ofHours(23)), Duration.ofDays(1))).isFalse();
        assertThat(inbox.markReportChecked(id, NOW.plus(Duration.ofHours(25)), Duration.ofDays(1))).isTrue();
        assertThat(inbox.pendingReports(10)).extracting(r -> r.report().providerMessageId())
                .containsExactlyInAnyOrder("unknown-2", "unknown-3");
    }

    @Test
    void aDeliveryReportIsStoredOncePerMessageAndStatus() {
        DeliveryReport sent = new DeliveryReport("twilio", "SM1", DeliveryStatus.SENT, null, null, NOW);
        DeliveryReport failed = new DeliveryReport("twilio", "SM1", DeliveryStatus.FAILED, "30003",
                FailureReason.UNREACHABLE_DESTINATION, NOW.plusSeconds(3));
        DeliveryReport failedAgain = new DeliveryReport("twilio", "SM1", DeliveryStatus.FAILED, "30005",
                FailureReason.UNKNOWN, NOW.plusSeconds(9));

        assertThat(inbox.accept(sent)).isTrue();
        assertThat(inbox.accept(sent)).isFalse();
        assertThat(inbox.accept(failed)).isTrue();
        assertThat(inbox.accept(failedAgain)).isFalse();
        assertThat(inbox.accept(new DeliveryReport("twilio", "SM2", DeliveryStatus.SENT, null, null, NOW))).isTrue();

        assertThat(jdbc().sql("select provider_message_id, status, error_code, failure_reason from delivery_report order by id")
                .query((rs, row) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list())
                .containsExactly("SM1 SENT null null", "SM1 FAILED 30003 UNREACHABLE_DESTINATION", "SM2 SENT null null");
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void aGroupOfDeliveryReportsStoresEachReportOnceAsItsFirstCopySaidIt() {
        DeliveryReport storedBefore = new DeliveryReport("twilio", "SM1", DeliveryStatus.SENT, null, null, NOW);
        inbox.accept(storedBefore);
        DeliveryReport delivered = new DeliveryReport("twilio", "SM1", DeliveryStatus.DELIVERED, null, null, NOW.plusSeconds(2));
        DeliveryReport failed = new DeliveryReport("twilio", "SM2", DeliveryStatus.FAILED, "30003",
                FailureReason.UNREACHABLE_DESTINATION, NOW.plusSeconds(3));
        DeliveryReport failedAgain = new DeliveryReport("twilio", "SM2", DeliveryStatus.FAILED, "30005",
                FailureReason.UNKNOWN, NOW.plusSeconds(9));
        DeliveryReport sameSidOtherProvider = new DeliveryReport("vonage", "SM1", DeliveryStatus.SENT, null, null, NOW);

        List<Boolean> answers = inbox.acceptAllReports(List.of(storedBefore, delivered, failed, failedAgain,
                sameSidOtherProvider));

        assertThat(answers).containsExactly(false, true, true, false, true);
        assertThat(jdbc().sql("select provider, provider_message_id, status, error_code from delivery_report order by id")
                .query((rs, row) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list())
                .containsExactly("twilio SM1 SENT null", "twilio SM1 DELIVERED null", "twilio SM2 FAILED 30003",
                        "vonage SM1 SENT null");
    }

    // --- claiming batches

    @Test
    void aClaimTakesDueMessagesOldestFirstUpToMax() {
        stored(text(DANA, "one"));
        stored(text(EVE, "two"));
        stored(text(FRANK, "three"));

        assertThat(bodies(inbox.claimBatch(2, NOW, CLAIM_TIMEOUT))).containsExactly("one", "two");
        assertThat(bodies(inbox.claimBatch(2, NOW, CLAIM_TIMEOUT))).containsExactly("three");
        assertThat(inbox.claimBatch(2, NOW, CLAIM_TIMEOUT)).isEmpty();
    }

    @Test
    void aClaimedMessageIsNotClaimedAgainBeforeTheClaimTimesOutAndIsAfterwardsAsIfItsWorkerHadCrashed() {
        stored(text(DANA, "hello"));
        stored(text(EVE, "hi"));
        List<InboxEntry> first = inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);
        assertThat(bodies(first)).containsExactly("hello", "hi");

        assertThat(inbox.claimBatch(10, NOW.plusSeconds(1), CLAIM_TIMEOUT)).isEmpty();
        assertThat(inbox.claimBatch(10, NOW.plus(CLAIM_TIMEOUT), CLAIM_TIMEOUT)).isEmpty();

        Instant afterTimeout = NOW.plus(CLAIM_TIMEOUT).plusMillis(1);
        List<InboxEntry> again = inbox.claimBatch(10, afterTimeout, CLAIM_TIMEOUT);
        assertThat(again).extracting(InboxEntry::id).containsExactlyElementsOf(first.stream().map(InboxEntry::id).toList());
        assertThat(again).extracting(InboxEntry::state).containsOnly(InboxState.RECEIVED);
        assertThat(inbox.claimBatch(10, afterTimeout.plusSeconds(1), CLAIM_TIMEOUT)).isEmpty();
    }

    @Test
    void aMessageBehindAnEarlierOneOfTheSameCustomerWaitingForARetryIsHeldBackWhileOtherCustomersMessagesAreClaimed() {
        long danasFirst = stored(text(DANA, "dana 1"));
        stored(text(DANA, "dana 2"));
        stored(text(EVE, "eve 1"));
        assertThat(bodies(inbox.claimBatch(1, NOW, CLAIM_TIMEOUT))).containsExactly("dana 1");
        inbox.markFailed(danasFirst, "CRM unavailable: 503", NOW.plusSeconds(60), NOW);

        assertThat(bodies(inbox.claimBatch(10, NOW.plusSeconds(1), CLAIM_TIMEOUT))).containsExactly("eve 1");
        assertThat(inbox.claimBatch(10, NOW.plusSeconds(59), CLAIM_TIMEOUT)).isEmpty();

        assertThat(bodies(inbox.claimBatch(10, NOW.plusSeconds(60), CLAIM_TIMEOUT))).containsExactly("dana 1", "dana 2");
    }

    @Test
    void aMessageBehindAnEarlierOneOfTheSameCustomerThatAWorkerHoldsIsClaimedOnceThatOneIsWritten() {
        long danasFirst = stored(text(DANA, "dana 1"));
        stored(text(DANA, "dana 2"));
        stored(text(EVE, "eve 1"));
        assertThat(bodies(inbox.claimBatch(1, NOW, CLAIM_TIMEOUT))).containsExactly("dana 1");

        assertThat(bodies(inbox.claimBatch(10, NOW, CLAIM_TIMEOUT))).containsExactly("eve 1");

        inbox.markWritten(Map.of(danasFirst, "ACT-1"), NOW.plusSeconds(1));
        assertThat(bodies(inbox.claimBatch(10, NOW.plusSeconds(2), CLAIM_TIMEOUT))).containsExactly("dana 2");
    }

    @Test
    void aDeadEarlierMessageNoLongerHoldsBackTheCustomersLaterOnes() {
        long danasFirst = stored(text(DANA, "dana 1"));
        stored(text(DANA, "dana 2"));
        inbox.claimBatch(1, NOW, CLAIM_TIMEOUT);

        inbox.markFailed(danasFirst, "CRM refused the activity for good: FIELD_INTEGRITY_EXCEPTION", null, NOW);

        assertThat(bodies(inbox.claimBatch(10, NOW.plusSeconds(1), CLAIM_TIMEOUT))).containsExactly("dana 2");
    }

    @Test
    void twoDueMessagesOfOneCustomerAreClaimedTogetherInTheirOrder() {
        stored(text(DANA, "dana 1"));
        stored(text(EVE, "eve 1"));
        stored(text(DANA, "dana 2"));

        assertThat(inbox.claimBatch(10, NOW, CLAIM_TIMEOUT))
                .extracting(e -> e.message().body())
                .containsExactly("dana 1", "eve 1", "dana 2");
    }

    @Test
    void aRetryingMessageIsClaimedAgainWhenItsNextAttemptIsDueAndNotBefore() {
        long id = stored(text(DANA, "try me again"));
        inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);
        inbox.markFailed(id, "CRM unavailable: timeout", NOW.plusSeconds(30), NOW.plusSeconds(1));

        assertThat(inbox.claimBatch(10, NOW.plusSeconds(29), CLAIM_TIMEOUT)).isEmpty();

        assertThat(inbox.claimBatch(10, NOW.plusSeconds(30), CLAIM_TIMEOUT)).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(id);
            assertThat(entry.state()).isEqualTo(InboxState.RETRYING);
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.lastError()).isEqualTo("CRM unavailable: timeout");
        });
    }

    @Test
    void aRoutedMessageThatIsClaimedAgainCarriesItsRecordAndDecision() {
        long id = stored(text(DANA, "routed before the outage"));
        inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);
        routeToDanasContact(id, NOW);
        inbox.markFailed(id, "CRM unavailable: 503", NOW.plusSeconds(5), NOW);

        assertThat(inbox.claimBatch(10, NOW.plusSeconds(5), CLAIM_TIMEOUT)).singleElement().satisfies(entry -> {
            assertThat(entry.isRouted()).isTrue();
            assertThat(entry.record()).isEqualTo(DANAS_CONTACT);
            assertThat(entry.recordName()).isEqualTo("Dana Customer");
            assertThat(entry.decision()).isEqualTo(RULE_4);
        });
    }

    @Test
    void writtenDeadAndUnroutableMessagesAreNeverClaimed() {
        long written = stored(text(DANA, "written"));
        long dead = stored(text(EVE, "dead"));
        long unroutable = stored(text(FRANK, "unroutable"));
        inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);

        inbox.markWritten(Map.of(written, "ACT-1"), NOW);
        inbox.markFailed(dead, "CRM refused the activity for good", null, NOW);
        inbox.markUnroutable(unroutable, unroutableDecision(), NOW);

        assertThat(inbox.claimBatch(10, NOW.plus(Duration.ofDays(1)), CLAIM_TIMEOUT)).isEmpty();
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void twoWorkersClaimingAtTheSameTimeClaimEveryMessageExactlyOnceAndKeepEachCustomersOrder() throws Exception {
        int customers = 30;
        int messages = 300;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            ids.add(stored(text("+155501003%02d".formatted(i % customers), "text " + i)));
        }
        Queue<InboxStore> workers = new ConcurrentLinkedQueue<>(
                List.of(storeOn(anotherInstancesPool()), storeOn(anotherInstancesPool())));
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        AtomicLong tick = new AtomicLong();

        concurrently(2, () -> {
            InboxStore worker = workers.remove();
            Instant giveUp = Instant.now().plusSeconds(60);
            while (claimed.size() < messages && Instant.now().isBefore(giveUp)) {
                for (InboxEntry entry : worker.claimBatch(7, NOW, CLAIM_TIMEOUT)) {
                    claimed.add(entry.id());
                    worker.markWritten(Map.of(entry.id(), "ACT-" + entry.id()),
                            NOW.plusMillis(tick.incrementAndGet()));
                }
            }
            return null;
        });

        assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
        Map<String, List<Instant>> writtenAtByCustomer = new TreeMap<>();
        jdbc().sql("select from_number, updated_at from inbox_message order by id").query(rs -> {
            writtenAtByCustomer.computeIfAbsent(rs.getString(1), customer -> new ArrayList<>())
                    .add(rs.getObject(2, OffsetDateTime.class).toInstant());
        });
        assertThat(writtenAtByCustomer).hasSize(customers)
                .allSatisfy((customer, writtenAt) -> assertThat(writtenAt).as("%s's texts, written", customer).isSorted());
    }

    // --- recording progress, as the admin sees it

    @Test
    void aRecordedRouteHoldsTheRecordAndTheDecisionAsTheAdminSeesThem() {
        InboundMessage message = text(DANA, "Hi Alice");
        long id = stored(message);
        inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);

        routeToDanasContact(id, NOW.plusSeconds(1));

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.ROUTED);
        assertThat(entry.record()).isEqualTo(DANAS_CONTACT);
        assertThat(entry.recordName()).isEqualTo("Dana Customer");
        assertThat(entry.decision()).isEqualTo(RULE_4);
        assertThat(entry.attempts()).isZero();
        assertThat(entry.activityId()).isNull();
        assertThat(entry.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(inbox.pendingCount()).isEqualTo(1);
    }

    @Test
    void aLeadCreatedForTheMessageIsPartOfItsDecision() {
        InboundMessage message = text(FRANK, "Who is this?");
        long id = stored(message);
        DecisionTrace newLead = new DecisionTrace("new-lead", true, List.of(), "no record carries +15550100220");

        inbox.recordRoutes(List.of(new InboxStore.MessageRoute(id, new RecordRef(RecordType.LEAD, "L-7"),
                "Text from +15550100220", "U-ALICE", newLead)), NOW);

        assertThat(entryOf(message).decision()).isEqualTo(newLead);
        assertThat(entryOf(message).record()).isEqualTo(new RecordRef(RecordType.LEAD, "L-7"));
    }

    @Test
    void markWrittenMakesTheMessageWrittenWithItsActivityAndCountsTheAttempt() {
        InboundMessage message = text(DANA, "Hi Alice");
        long id = stored(message);
        inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);
        routeToDanasContact(id, NOW);

        inbox.markWritten(Map.of(id, "00Txx000001"), NOW.plusSeconds(1));

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.WRITTEN);
        assertThat(entry.activityId()).isEqualTo("00Txx000001");
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.lastError()).isNull();
        assertThat(entry.record()).isEqualTo(DANAS_CONTACT);
        assertThat(entry.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void aMessageWrittenAfterAFailedAttemptLosesItsErrorAndCountsBothAttempts() {
        InboundMessage message = text(DANA, "second time lucky");
        long id = stored(message);
        inbox.markFailed(id, "CRM unavailable: 503", NOW.plusSeconds(2), NOW);

        inbox.markWritten(Map.of(id, "ACT-9"), NOW.plusSeconds(2));

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.WRITTEN);
        assertThat(entry.attempts()).isEqualTo(2);
        assertThat(entry.lastError()).isNull();
        assertThat(entry.firstFailureAt()).isEqualTo(NOW);
    }

    @Test
    void aFailedAttemptWithANextAttemptMakesTheMessageRetryingAndKeepsTheTimeOfTheFirstFailure() {
        InboundMessage message = text(DANA, "during an outage");
        long id = stored(message);

        inbox.markFailed(id, "CRM unavailable: 503", NOW.plusSeconds(2), NOW);

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.RETRYING);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.lastError()).isEqualTo("CRM unavailable: 503");
        assertThat(entry.firstFailureAt()).isEqualTo(NOW);
        assertThat(entry.updatedAt()).isEqualTo(NOW);

        inbox.markFailed(id, "CRM unavailable: timeout", NOW.plusSeconds(10), NOW.plusSeconds(2));

        entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.RETRYING);
        assertThat(entry.attempts()).isEqualTo(2);
        assertThat(entry.lastError()).isEqualTo("CRM unavailable: timeout");
        assertThat(entry.firstFailureAt()).isEqualTo(NOW);
        assertThat(entry.updatedAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(inbox.pendingCount()).isEqualTo(1);
        assertThat(inbox.dead()).isEmpty();
    }

    @Test
    void aFailedAttemptWithoutANextAttemptMakesTheMessageDead() {
        InboundMessage message = text(DANA, "refused");
        long id = stored(message);

        inbox.markFailed(id, "CRM refused the activity for good: FIELD_INTEGRITY_EXCEPTION", null, NOW);

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.DEAD);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.lastError()).isEqualTo("CRM refused the activity for good: FIELD_INTEGRITY_EXCEPTION");
        assertThat(entry.firstFailureAt()).isEqualTo(NOW);
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void aVeryLongErrorIsCutToFitAndSaysSo() {
        InboundMessage message = text(DANA, "long error");
        long id = stored(message);

        inbox.markFailed(id, "CRM unavailable: " + "x".repeat(5000), null, NOW);

        assertThat(entryOf(message).lastError()).hasSize(2000).startsWith("CRM unavailable: xxx").endsWith("...");
    }

    @Test
    void markUnroutableKeepsTheDecisionThatFoundNoRecord() {
        InboundMessage message = text(FRANK, "nobody knows me");
        long id = stored(message);
        inbox.claimBatch(10, NOW, CLAIM_TIMEOUT);

        inbox.markUnroutable(id, unroutableDecision(), NOW.plusSeconds(1));

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.UNROUTABLE);
        assertThat(entry.decision()).isEqualTo(unroutableDecision());
        assertThat(entry.isRouted()).isFalse();
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(inbox.dead()).isEmpty();
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void deadListsOnlyTheDeadMessagesOldestFirst() {
        long first = stored(text(DANA, "dead 1"));
        long written = stored(text(EVE, "written"));
        long second = stored(text(FRANK, "dead 2"));
        long retrying = stored(text("+15550100230", "retrying"));

        inbox.markFailed(second, "gave up", null, NOW);
        inbox.markFailed(first, "gave up", null, NOW.plusSeconds(1));
        inbox.markWritten(Map.of(written, "ACT-1"), NOW);
        inbox.markFailed(retrying, "CRM unavailable", NOW.plusSeconds(5), NOW);

        assertThat(inbox.dead()).extracting(InboxEntry::id).containsExactly(first, second);
        assertThat(inbox.dead()).extracting(e -> e.message().body()).containsExactly("dead 1", "dead 2");
    }

    // --- replay

    @Test
    void replayPutsADeadMessageBackAsReceivedWithAFreshRetryBudget() {
        InboundMessage message = text(DANA, "lost in an outage");
        long id = stored(message);
        inbox.markFailed(id, "CRM unavailable: 503", NOW.plusSeconds(2), NOW);
        inbox.markFailed(id, "CRM unavailable: 503", null, NOW.plus(Duration.ofMinutes(30)));
        Instant replayedAt = NOW.plus(Duration.ofHours(2));

        assertThat(inbox.replay("twilio", message.providerMessageId(), replayedAt)).isTrue();

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(entry.firstFailureAt()).isNull();
        assertThat(entry.updatedAt()).isEqualTo(replayedAt);
        assertThat(inbox.dead()).isEmpty();
        assertThat(inbox.claimBatch(10, replayedAt, CLAIM_TIMEOUT)).extracting(InboxEntry::id).containsExactly(id);
    }

    @Test
    void replayPutsADeadMessageThatWasRoutedBackAsRoutedToTheSameRecord() {
        InboundMessage message = text(DANA, "routed, then refused");
        long id = stored(message);
        routeToDanasContact(id, NOW);
        inbox.markFailed(id, "CRM refused the activity for good", null, NOW);

        assertThat(inbox.replay("twilio", message.providerMessageId(), NOW.plusSeconds(60))).isTrue();

        InboxEntry entry = entryOf(message);
        assertThat(entry.state()).isEqualTo(InboxState.ROUTED);
        assertThat(entry.record()).isEqualTo(DANAS_CONTACT);
        assertThat(entry.decision()).isEqualTo(RULE_4);
        assertThat(entry.firstFailureAt()).isNull();
        assertThat(inbox.claimBatch(10, NOW.plusSeconds(60), CLAIM_TIMEOUT)).extracting(InboxEntry::id).containsExactly(id);
    }

    @Test
    void replayPutsAnUnroutableMessageBackAsReceived() {
        InboundMessage message = text(FRANK, "nobody knows me");
        long id = stored(message);
        inbox.markUnroutable(id, unroutableDecision(), NOW);

        assertThat(inbox.replay("twilio", message.providerMessageId(), NOW.plusSeconds(60))).isTrue();

        assertThat(entryOf(message).state()).isEqualTo(InboxState.RECEIVED);
        assertThat(inbox.pendingCount()).isEqualTo(1);
    }

    @Test
    void replayAnswersFalseForAWrittenMessageAndChangesNothing() {
        InboundMessage message = text(DANA, "already in the CRM");
        long id = stored(message);
        routeToDanasContact(id, NOW);
        inbox.markWritten(Map.of(id, "ACT-1"), NOW);
        InboxEntry before = entryOf(message);

        assertThat(inbox.replay("twilio", message.providerMessageId(), NOW.plusSeconds(60))).isFalse();

        assertThat(entryOf(message)).isEqualTo(before);
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void replayAnswersFalseForAMessageStillOnItsWayAndForAnUnknownOne() {
        InboundMessage received = text(DANA, "on its way");
        InboundMessage retrying = text(EVE, "retrying");
        stored(received);
        inbox.markFailed(stored(retrying), "CRM unavailable", NOW.plusSeconds(5), NOW);

        assertThat(inbox.replay("twilio", received.providerMessageId(), NOW)).isFalse();
        assertThat(inbox.replay("twilio", retrying.providerMessageId(), NOW)).isFalse();
        assertThat(inbox.replay("twilio", "SM-never-stored", NOW)).isFalse();
        assertThat(entryOf(retrying).state()).isEqualTo(InboxState.RETRYING);
    }

    @Test
    void replayAllDeadPutsEveryDeadMessageBackAndCountsThem() {
        InboundMessage deadUnrouted = text(DANA, "dead 1");
        InboundMessage deadRouted = text(EVE, "dead 2");
        InboundMessage written = text(FRANK, "written");
        InboundMessage unroutable = text("+15550100230", "unroutable");
        InboundMessage retrying = text("+15550100240", "retrying");
        inbox.markFailed(stored(deadUnrouted), "gave up", null, NOW);
        long routed = stored(deadRouted);
        routeToDanasContact(routed, NOW);
        inbox.markFailed(routed, "gave up", null, NOW);
        inbox.markWritten(Map.of(stored(written), "ACT-1"), NOW);
        inbox.markUnroutable(stored(unroutable), unroutableDecision(), NOW);
        inbox.markFailed(stored(retrying), "CRM unavailable", NOW.plusSeconds(5), NOW);

        assertThat(inbox.replayAllDead(NOW.plusSeconds(60))).isEqualTo(2);

        assertThat(inbox.dead()).isEmpty();
        assertThat(entryOf(deadUnrouted).state()).isEqualTo(InboxState.RECEIVED);
        assertThat(entryOf(deadRouted).state()).isEqualTo(InboxState.ROUTED);
        assertThat(entryOf(written).state()).isEqualTo(InboxState.WRITTEN);
        assertThat(entryOf(unroutable).state()).isEqualTo(InboxState.UNROUTABLE);
        assertThat(entryOf(retrying).state()).isEqualTo(InboxState.RETRYING);
        assertThat(inbox.replayAllDead(NOW.plusSeconds(61))).isZero();
    }

    @Test
    void pendingCountCountsReceivedRoutedAndRetryingMessagesOnly() {
        stored(text(DANA, "received"));
        routeToDanasContact(stored(text(EVE, "routed")), NOW);
        inbox.markFailed(stored(text(FRANK, "retrying")), "CRM unavailable", NOW.plusSeconds(5), NOW);
        inbox.markWritten(Map.of(stored(text(DANA, "written")), "ACT-1"), NOW);
        inbox.markFailed(stored(text(EVE, "dead")), "gave up", null, NOW);
        inbox.markUnroutable(stored(text(FRANK, "unroutable")), unroutableDecision(), NOW);

        assertThat(inbox.pendingCount()).isEqualTo(3);
    }

    // --- helpers

    static InboundMessage text(String from, String body) {
        return new InboundMessage("twilio", "SM%032d".formatted(SIDS.incrementAndGet()), phone(from),
                phone(ALICES_NUMBER), body, List.of(), 1, RECEIVED);
    }

    long stored(InboundMessage message) {
        assertThat(inbox.accept(message)).as("accepted %s", message.providerMessageId()).isTrue();
        return entryOf(message).id();
    }

    InboxEntry entryOf(InboundMessage message) {
        return inbox.find(message.provider(), message.providerMessageId()).orElseThrow();
    }

    /** Routes the message to Dana's contact by rule 4, as the flow records a route. */
    void routeToDanasContact(long id, Instant now) {
        inbox.recordRoutes(List.of(new InboxStore.MessageRoute(id, DANAS_CONTACT, "Dana Customer", "U-ALICE", RULE_4)),
                now);
    }

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    long rowsIn(String table) {
        return jdbc().sql("select count(*) from " + table).query(Long.class).single();
    }

    static List<String> bodies(List<InboxEntry> batch) {
        return batch.stream().map(e -> e.message().body()).toList();
    }

    static DecisionTrace unroutableDecision() {
        return new DecisionTrace("unroutable", false, List.of(), "no record carries +15550100220 and no lead owner is set");
    }

    static PhoneNumber phone(String number) {
        return PhoneNumber.ofNormalised(number);
    }

    /** {@code codePoints} characters (not UTF-16 units) repeating the pattern. */
    static String textOf(int codePoints, String pattern) {
        int[] pool = pattern.codePoints().toArray();
        int[] text = IntStream.range(0, codePoints).map(i -> pool[i % pool.length]).toArray();
        return new String(text, 0, text.length);
    }

    /** Runs the work on that many threads released at the same moment, and answers each one's result. */
    static <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- notices the notifier claims inside the flow's transactions

    // --- the flow's batched writes: one JDBC batch per statement, each text's result as if written alone

    static final RecordRef EVES_LEAD = new RecordRef(RecordType.LEAD, "L-2");

    ConversationStore conversations() {
        return new ConversationStore(new JdbcTemplate(dataSource), JsonMapper.builder().build());
    }

    TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    static ConversationMessage inbound(String customer, RecordRef record, String body, Instant at) {
        return new ConversationMessage(phone(customer), phone(ALICES_NUMBER), record, null, "U-ALICE",
                Direction.INBOUND, body, at);
    }

    @Test
    void theDatabaseCountsTheRowsOfEachStatementOfABatchWhichTheBatchedWritesRelyOn() {
        long danas = stored(text(DANA, "one"));
        stored(text(DANA, "two"));
        long eves = stored(text(EVE, "three"));

        int[] counts = new JdbcTemplate(dataSource).batchUpdate("update inbox_message set body = ? where from_number = ?",
                List.of(new Object[]{"x", DANA}, new Object[]{"x", FRANK}, new Object[]{"x", EVE}));
        int[] ofIds = new JdbcTemplate(dataSource).batchUpdate("update inbox_message set body = ? where id = ?",
                List.of(new Object[]{"y", eves}, new Object[]{"y", -1L}, new Object[]{"y", danas}));

        assertThat(counts).containsExactly(2, 0, 1);
        assertThat(ofIds).containsExactly(1, 0, 1);
    }

    @Test
    void twoTextsOfOneNewConversationInOneBatchStartItOnceAndTheLaterIsItsLastMessage() {
        ConversationStore conversations = conversations();

        transactions().executeWithoutResult(status -> conversations.recordMessages(List.of(
                inbound(DANA, DANAS_CONTACT, "first", NOW),
                inbound(EVE, EVES_LEAD, "eve's", NOW.plusSeconds(1)),
                inbound(DANA, DANAS_CONTACT, "second", NOW.plusSeconds(2)))));

        assertThat(rowsIn("conversation")).isEqualTo(2);
        ConversationSummary danas = conversations.onRecord("U-ALICE", DANAS_CONTACT).get(0);
        assertThat(danas.lastBody()).isEqualTo("second");
        assertThat(danas.lastMessageAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(danas.ownerId()).isEqualTo("U-ALICE");
        assertThat(createdAt(danas)).isEqualTo(NOW);
        assertThat(conversations.onRecord("U-ALICE", EVES_LEAD)).extracting(ConversationSummary::lastBody)
                .containsExactly("eve's");
    }

    @Test
    void aBatchMovesAHeldConversationForwardStartsANewOneAndAnOlderTextNeverBecomesTheLastMessage() {
        ConversationStore conversations = conversations();
        conversations.recordMessages(List.of(inbound(DANA, DANAS_CONTACT, "held", NOW)));

        transactions().executeWithoutResult(status -> conversations.recordMessages(List.of(
                inbound(DANA, DANAS_CONTACT, "newest", NOW.plusSeconds(5)),
                inbound(EVE, EVES_LEAD, "eve's later", NOW.plusSeconds(4)),
                inbound(EVE, EVES_LEAD, "eve's earlier, recorded late", NOW.plusSeconds(3)),
                inbound(DANA, DANAS_CONTACT, "older, recorded late", NOW.plusSeconds(1)))));

        assertThat(rowsIn("conversation")).isEqualTo(2);
        ConversationSummary danas = conversations.onRecord("U-ALICE", DANAS_CONTACT).get(0);
        assertThat(danas.lastBody()).isEqualTo("newest");
        assertThat(danas.lastMessageAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(createdAt(danas)).isEqualTo(NOW);
        ConversationSummary eves = conversations.onRecord("U-ALICE", EVES_LEAD).get(0);
        assertThat(eves.lastBody()).isEqualTo("eve's later");
        assertThat(eves.lastMessageAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(createdAt(eves)).isEqualTo(NOW.plusSeconds(4));
    }

    @Test
    void recordingAConversationsTextsInTheSameTransactionAsTheirProgressUndoesNothingElseInIt() {
        ConversationStore conversations = conversations();
        long first = stored(text(DANA, "first"));
        long second = stored(text(DANA, "second"));

        transactions().executeWithoutResult(status -> {
            conversations.recordMessages(List.of(inbound(DANA, DANAS_CONTACT, "first", NOW),
                    inbound(DANA, DANAS_CONTACT, "second", NOW.plusSeconds(1))));
            inbox.markWritten(Map.of(first, "ACT-1", second, "ACT-2"), NOW.plusSeconds(2));
        });

        assertThat(rowsIn("conversation")).isEqualTo(1);
        assertThat(jdbc().sql("select activity_id from inbox_message where state = 'written' order by id")
                .query(String.class).list()).containsExactly("ACT-1", "ACT-2");
    }

    @Test
    void tenThreadsStartingTheSameConversationAtOnceStartItOnceAndEachTextCounts() throws Exception {
        ConversationStore conversations = new ConversationStore(new JdbcTemplate(anotherInstancesPool()),
                JsonMapper.builder().build());
        List<RecordRef> records = IntStream.rangeClosed(1, 5).mapToObj(i -> new RecordRef(RecordType.CONTACT, "C-" + i))
                .toList();

        for (RecordRef record : records) {
            AtomicInteger second = new AtomicInteger();
            concurrently(10, () -> {
                int at = second.incrementAndGet();
                conversations.recordMessages(List.of(inbound(DANA, record, "text " + at, NOW.plusSeconds(at))));
                return at;
            });
        }

        assertThat(rowsIn("conversation")).isEqualTo(records.size());
        assertThat(records).allSatisfy(record -> assertThat(conversations.onRecord("U-ALICE", record))
                .extracting(ConversationSummary::lastBody, ConversationSummary::lastMessageAt)
                .containsExactly(tuple("text 10", NOW.plusSeconds(10))));
    }

    @Test
    void aConversationNotifiesForTheFirstTextOfABatchNotForTheNextWithinTheQuietPeriodAndAgainAfterIt() {
        ConversationStore conversations = conversations();
        ConversationMessage danasFirst = inbound(DANA, DANAS_CONTACT, "first", NOW);
        ConversationMessage evesOnly = inbound(EVE, EVES_LEAD, "eve's", NOW);
        ConversationMessage danasSecond = inbound(DANA, DANAS_CONTACT, "second", NOW.plusSeconds(1));
        conversations.recordMessages(List.of(danasFirst, evesOnly, danasSecond));
        Duration quiet = Duration.ofMinutes(1);

        List<Boolean> claimed = transactions().execute(status ->
                conversations.claimNotifications(List.of(danasFirst, evesOnly, danasSecond), NOW, quiet));
        List<Boolean> withinQuietPeriod = conversations.claimNotifications(List.of(danasSecond), NOW.plusSeconds(59), quiet);
        List<Boolean> afterIt = conversations.claimNotifications(List.of(danasSecond, evesOnly), NOW.plusSeconds(61), quiet);

        assertThat(claimed).containsExactly(true, true, false);
        assertThat(withinQuietPeriod).containsExactly(false);
        assertThat(afterIt).containsExactly(true, true);
    }

    @Test
    void aTextOnAConversationNotStartedYetClaimsNoNotification() {
        assertThat(conversations().claimNotifications(List.of(inbound(DANA, DANAS_CONTACT, "first", NOW)), NOW,
                Duration.ofMinutes(1))).containsExactly(false);
    }

    @Test
    void aBatchRecordsEachMessagesRouteAndMarksEachWrittenWithItsOwnActivity() {
        InboundMessage danas = text(DANA, "to the contact");
        InboundMessage franks = text(FRANK, "to a new lead");
        long danasId = stored(danas);
        long franksId = stored(franks);
        DecisionTrace newLead = new DecisionTrace("new-lead", true, List.of(), "no record carries +15550100220");

        transactions().executeWithoutResult(status -> {
            inbox.recordRoutes(List.of(new InboxStore.MessageRoute(danasId, DANAS_CONTACT, "Dana Customer", "U-ALICE", RULE_4),
                    new InboxStore.MessageRoute(franksId, new RecordRef(RecordType.LEAD, "L-7"), "Text from +15550100220",
                            "U-BOB", newLead)), NOW);
            inbox.markWritten(Map.of(danasId, "ACT-1", franksId, "ACT-2"), NOW.plusSeconds(1));
        });

        assertThat(entryOf(danas)).extracting(InboxEntry::state, InboxEntry::record, InboxEntry::recordOwner,
                InboxEntry::decision, InboxEntry::activityId)
                .containsExactly(InboxState.WRITTEN, DANAS_CONTACT, "U-ALICE", RULE_4, "ACT-1");
        assertThat(entryOf(franks)).extracting(InboxEntry::state, InboxEntry::record, InboxEntry::recordOwner,
                InboxEntry::decision, InboxEntry::activityId)
                .containsExactly(InboxState.WRITTEN, new RecordRef(RecordType.LEAD, "L-7"), "U-BOB", newLead, "ACT-2");
    }

    Instant createdAt(ConversationSummary conversation) {
        return jdbc().sql("select created_at from conversation where id = ?").param(conversation.id())
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
    }

    @Test
    void aSellerIsToldOnceThatTheyLackTheSmsPrivilegeAndAskingAgainUndoesNothingElseInItsTransaction() {
        ConversationStore conversations = new ConversationStore(new JdbcTemplate(dataSource), JsonMapper.builder().build());
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        assertThat(conversations.claimPrivilegeNotice("U-CARL", NOW)).isTrue();

        transactions.executeWithoutResult(status -> {
            assertThat(conversations.claimPrivilegeNotice("U-CARL", NOW.plusSeconds(1))).isFalse();
            assertThat(conversations.claimPrivilegeNotice("U-DAVE", NOW.plusSeconds(1))).isTrue();
            assertThat(conversations.claimPrivilegeNotice("U-DAVE", NOW.plusSeconds(1))).isFalse();
        });

        assertThat(conversations.claimPrivilegeNotice("U-DAVE", NOW.plusSeconds(2))).isFalse();
    }
}
