package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The behaviour every {@link CrmAdapter} shows, whatever CRM is behind it. An adapter's test extends this class and
 * says how to get an adapter over a CRM holding exactly a {@link CrmFixture} ({@link #adapterWith}) and how to read
 * back the activities written on a record ({@link #activitiesOn}).
 * <p>
 * Every test gets a fresh adapter over {@link CrmFixture#standard()}; numbers without a country code are in region
 * {@value CrmFixture#REGION}.
 */
public abstract class CrmAdapterContractTest {

    protected static final CrmFixture FIXTURE = CrmFixture.standard();

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final RecordRef A_1 = new RecordRef(RecordType.ACCOUNT, "A-1");
    private static final RecordRef O_1 = new RecordRef(RecordType.OPPORTUNITY, "O-1");
    private static final RecordRef L_1 = new RecordRef(RecordType.LEAD, "L-1");
    private static final RecordRef A_2 = new RecordRef(RecordType.ACCOUNT, "A-2");
    private static final RecordRef O_2 = new RecordRef(RecordType.OPPORTUNITY, "O-2");
    private static final RecordRef C_2 = new RecordRef(RecordType.CONTACT, "C-2");
    private static final RecordRef C_3 = new RecordRef(RecordType.CONTACT, "C-3");
    private static final RecordRef C_4 = new RecordRef(RecordType.CONTACT, "C-4");
    private static final RecordRef C_5 = new RecordRef(RecordType.CONTACT, "C-5");
    private static final RecordRef L_2 = new RecordRef(RecordType.LEAD, "L-2");

    private static final PhoneNumber DANA = number("+1 555 010 0200");
    private static final PhoneNumber DANA_MOBILE = number("+1 555 010 0201");
    private static final PhoneNumber HARBOR = number("+1 555 010 0300");
    private static final PhoneNumber SHARED = number("+1 555 010 0400");
    private static final PhoneNumber ELI = number("+1 555 010 0500");
    private static final PhoneNumber ROBIN = number("+1 555 010 0600");
    private static final PhoneNumber NOBODY = number("+1 555 010 0999");
    private static final PhoneNumber BUSINESS_LINE = number("+1 555 010 0001");

    private CrmAdapter crm;

    /** A fresh adapter over a CRM that holds exactly the fixture's users, teams and records, and nothing else. */
    protected abstract CrmAdapter adapterWith(CrmFixture fixture);

    /** The activities the CRM now holds on the record, oldest first, as a seller would see them there. */
    protected abstract List<WrittenActivity> activitiesOn(CrmAdapter adapter, RecordRef record);

    /** The in-app notifications the CRM now holds for the user, newest first, as the user would see them. */
    protected abstract List<Notification> notificationsOf(CrmAdapter adapter, String userId);

    /**
     * Whether the record shows its customer as opted out of texts, as a person reading it in the CRM would see it; empty
     * when the record shows no SMS consent at all. The adapter under test maps consent to a field on contacts and leads.
     */
    protected abstract java.util.Optional<Boolean> smsOptOutShownOn(CrmAdapter adapter, RecordRef record);

    /** The adapter over the standard fixture, made on first use in each test. */
    protected final CrmAdapter crm() {
        if (crm == null) {
            crm = adapterWith(FIXTURE);
        }
        return crm;
    }

    protected static PhoneNumber number(String text) {
        return PhoneNumber.parse(text, CrmFixture.REGION);
    }

    // --- finding candidates

    @ParameterizedTest(name = "asked as \"{0}\", the number finds the same four records")
    @ValueSource(strings = {"+15550100200", "(555) 010-0200", "555.010.0200", "+1 555 010 0200", "001 555 010 0200"})
    void everyFreeTextFormatOfOneNumberFindsTheSameCandidates(String asked) {
        assertThat(refsOf(candidatesFor(number(asked))))
                .as("C-1 has it as \"(555) 010-0200\", A-1 as \"555.010.0200\", L-1 as \"0015550100200\"")
                .containsExactlyInAnyOrder(C_1, A_1, L_1, O_1);
    }

    @Test
    void anOpportunityIsACandidateThroughItsContact() {
        assertThat(candidatesFor(DANA_MOBILE))
                .extracting(CandidateRecord::ref, CandidateRecord::phoneField)
                .containsExactlyInAnyOrder(tuple(C_1, "mobile"), tuple(O_1, "contact.mobile"));
    }

    @Test
    void anOpportunityIsACandidateThroughItsAccount() {
        assertThat(candidatesFor(HARBOR))
                .extracting(CandidateRecord::ref, CandidateRecord::phoneField)
                .containsExactlyInAnyOrder(tuple(A_2, "business"), tuple(O_2, "account.business"));
    }

    @Test
    void aRecordIsACandidateOnceEvenWhenSeveralOfItsFieldsOrPathsCarryTheNumber() {
        assertThat(refsOf(candidatesFor(SHARED))).as("C-3 has it as home and as mobile").containsOnlyOnce(C_3);
        assertThat(refsOf(candidatesFor(DANA))).as("O-1 has it through its contact and its account")
                .containsOnlyOnce(O_1);
    }

    @Test
    void twoContactsSharingANumberAreBothCandidates() {
        assertThat(refsOf(candidatesFor(SHARED))).containsExactlyInAnyOrder(C_2, C_3);
    }

    @Test
    void aPhoneWrittenWithAnExtensionMatchesTheNumberWithoutIt() {
        assertThat(candidatesFor(ELI)).singleElement()
                .satisfies(candidate -> {
                    assertThat(candidate.ref()).isEqualTo(C_4);
                    assertThat(candidate.phoneField()).isEqualTo("business");
                });
    }

    @Test
    void aNumberNobodyHasFindsNoCandidates() {
        Map<PhoneNumber, List<CandidateRecord>> found = crm().findCandidates(Set.of(NOBODY));

        assertThat(found).containsOnlyKeys(NOBODY);
        assertThat(found.get(NOBODY)).isEmpty();
    }

    @Test
    void aBatchOfNumbersAnswersEachNumberWithItsOwnCandidates() {
        Map<PhoneNumber, List<CandidateRecord>> found =
                crm().findCandidates(Set.of(DANA_MOBILE, HARBOR, SHARED, ELI, ROBIN, NOBODY));

        assertThat(found).containsOnlyKeys(DANA_MOBILE, HARBOR, SHARED, ELI, ROBIN, NOBODY);
        assertThat(refsOf(found.get(DANA_MOBILE))).containsExactlyInAnyOrder(C_1, O_1);
        assertThat(refsOf(found.get(HARBOR))).containsExactlyInAnyOrder(A_2, O_2);
        assertThat(refsOf(found.get(SHARED))).containsExactlyInAnyOrder(C_2, C_3);
        assertThat(refsOf(found.get(ELI))).containsExactly(C_4);
        assertThat(refsOf(found.get(ROBIN))).containsExactly(L_2);
        assertThat(found.get(NOBODY)).isEmpty();
        found.forEach((asked, candidates) -> assertThat(candidates).allSatisfy(
                candidate -> assertThat(candidate.number()).isEqualTo(asked)));
    }

    @Test
    void aRecordWhosePhoneIsNoNumberMatchesNothingAndSpoilsNothing() {
        Map<PhoneNumber, List<CandidateRecord>> found =
                crm().findCandidates(Set.of(DANA, DANA_MOBILE, HARBOR, SHARED, ELI, ROBIN));

        assertThat(found.values()).allSatisfy(candidates -> assertThat(refsOf(candidates)).doesNotContain(C_5));
        assertThat(found.get(DANA)).hasSize(4);
    }

    @Test
    void aCandidateCarriesItsNameOwnerActiveFlagAndLastModified() {
        List<CandidateRecord> found = candidatesFor(DANA);

        assertThat(found).extracting(CandidateRecord::ref, CandidateRecord::name, CandidateRecord::ownerId,
                        CandidateRecord::active, CandidateRecord::lastModified, CandidateRecord::number)
                .containsExactlyInAnyOrder(
                        tuple(C_1, "Dana Customer", "U-ALICE", true, Instant.parse("2026-11-01T10:00:00Z"), DANA),
                        tuple(A_1, "Dana Corp", "U-BOB", true, Instant.parse("2026-10-20T08:30:00Z"), DANA),
                        tuple(O_1, "Renewal 2027", "U-ALICE", true, Instant.parse("2026-11-03T14:00:00Z"), DANA),
                        tuple(L_1, "Pat Prospect", "T-EAST", false, Instant.parse("2026-09-12T16:45:00Z"), DANA));
    }

    @Test
    void aCandidateNamesThePhoneFieldThatMatched() {
        List<CandidateRecord> found = candidatesFor(DANA);

        assertThat(found).extracting(CandidateRecord::ref, CandidateRecord::phoneField)
                .contains(tuple(C_1, "business"), tuple(A_1, "business"), tuple(L_1, "mobile"));
        assertThat(found).filteredOn(candidate -> candidate.ref().equals(O_1))
                .singleElement().extracting(CandidateRecord::phoneField)
                .isIn("contact.business", "account.business");
    }

    @Test
    void anInactiveLeadIsStillACandidateMarkedInactive() {
        assertThat(candidatesFor(ROBIN)).singleElement()
                .satisfies(candidate -> {
                    assertThat(candidate.ref()).isEqualTo(L_2);
                    assertThat(candidate.active()).isFalse();
                    assertThat(candidate.ownerId()).isEqualTo("U-CARL");
                });
    }

    // --- a new customer's lead, written with its texts

    @Test
    void aNewCustomersLeadAndItsFirstTextAreWrittenTogether() {
        NewLead lead = new NewLead("twilio:SM1", NOBODY, "U-ALICE", "SMS +15550100999");

        ActivityWriteResult result = crm().writeActivities(List.of(onNewLead("twilio:SM1", lead, "Hi, is this Acme?")))
                .get(0);

        assertThat(result.isWritten()).isTrue();
        assertThat(result.lead()).satisfies(created -> {
            assertThat(created.requestKey()).isEqualTo("twilio:SM1");
            assertThat(created.ref().type()).isEqualTo(RecordType.LEAD);
            assertThat(created.name()).isEqualTo("SMS +15550100999");
        });
        assertThat(activitiesOn(crm(), result.lead().ref())).singleElement().satisfies(activity -> {
            assertThat(activity.id()).isEqualTo(result.activityId());
            assertThat(activity.body()).isEqualTo("Hi, is this Acme?");
        });
        assertThat(candidatesFor(NOBODY)).as("the lead is then a candidate for the number, through its mobile")
                .singleElement().satisfies(candidate -> {
                    assertThat(candidate.ref()).isEqualTo(result.lead().ref());
                    assertThat(candidate.name()).isEqualTo("SMS +15550100999");
                    assertThat(candidate.ownerId()).isEqualTo("U-ALICE");
                    assertThat(candidate.active()).isTrue();
                    assertThat(candidate.number()).isEqualTo(NOBODY);
                    assertThat(candidate.phoneField()).isEqualTo("mobile");
                });
    }

    @Test
    void aNewLeadMayBeOwnedByATeam() {
        PhoneNumber other = number("+1 555 010 0998");
        ActivityWriteResult result = crm().writeActivities(List.of(
                onNewLead("twilio:SM5", new NewLead("twilio:SM5", other, "T-EAST", "SMS +15550100998"), "Hello"))).get(0);

        assertThat(candidatesFor(other)).as("a lead may be owned by a team (a Salesforce queue)")
                .extracting(CandidateRecord::ref, CandidateRecord::ownerId, CandidateRecord::phoneField)
                .containsExactly(tuple(result.lead().ref(), "T-EAST", "mobile"));
    }

    @Test
    void repeatingTheCallAfterACrashCreatesNoSecondLeadAndNoSecondActivity() {
        NewLead lead = new NewLead("twilio:SM2", NOBODY, "T-EAST", "SMS +15550100999");
        List<ActivityDraft> batch = List.of(onNewLead("twilio:SM2", lead, "Hello"), inbound("twilio:SM3", C_1, "Hi"));

        List<ActivityWriteResult> first = crm().writeActivities(batch);
        List<ActivityWriteResult> again = crm().writeActivities(batch);

        assertThat(again).extracting(ActivityWriteResult::activityId)
                .containsExactlyElementsOf(first.stream().map(ActivityWriteResult::activityId).toList());
        assertThat(again.get(0).lead()).isEqualTo(first.get(0).lead());
        assertThat(refsOf(candidatesFor(NOBODY))).containsExactly(first.get(0).lead().ref());
        assertThat(activitiesOn(crm(), first.get(0).lead().ref())).extracting(WrittenActivity::body)
                .containsExactly("Hello");
        assertThat(activitiesOn(crm(), C_1)).extracting(WrittenActivity::body).containsExactly("Hi");
    }

    @Test
    void aTextNamingALeadAnEarlierCallCreatedGoesOnThatLead() {
        NewLead lead = new NewLead("twilio:SM2", NOBODY, "U-ALICE", "SMS +15550100999");
        RecordRef created = crm().writeActivities(List.of(onNewLead("twilio:SM2", lead, "First"))).get(0).lead().ref();

        ActivityWriteResult later = crm().writeActivities(List.of(onNewLead("twilio:SM4", lead, "Second"))).get(0);

        assertThat(later.lead().ref()).as("the lead part took effect before; only the activity is new")
                .isEqualTo(created);
        assertThat(refsOf(candidatesFor(NOBODY))).containsExactly(created);
        assertThat(activitiesOn(crm(), created)).extracting(WrittenActivity::body).containsExactly("First", "Second");
    }

    @Test
    void textsNamingTheSameNewLeadShareOneLeadAndResultsKeepTheOrderAsked() {
        PhoneNumber other = number("+1 555 010 0998");
        NewLead first = new NewLead("twilio:SM3", NOBODY, "U-ALICE", "First");
        NewLead second = new NewLead("twilio:SM4", other, "U-BOB", "Second");

        List<ActivityWriteResult> results = crm().writeActivities(List.of(onNewLead("twilio:SM3", first, "one"),
                onNewLead("twilio:SM4", second, "two"), inbound("twilio:SM5", C_1, "known"),
                onNewLead("twilio:SM6", first, "three")));

        assertThat(results).extracting(ActivityWriteResult::externalKey)
                .containsExactly("twilio:SM3", "twilio:SM4", "twilio:SM5", "twilio:SM6");
        assertThat(results).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(results.get(2).lead()).as("a text on a known record names no lead").isNull();
        assertThat(results.get(0).lead()).isEqualTo(results.get(3).lead()).isNotEqualTo(results.get(1).lead());
        assertThat(refsOf(candidatesFor(NOBODY))).containsExactly(results.get(0).lead().ref());
        assertThat(refsOf(candidatesFor(other))).containsExactly(results.get(1).lead().ref());
        assertThat(activitiesOn(crm(), results.get(0).lead().ref())).extracting(WrittenActivity::body)
                .containsExactly("one", "three");
    }

    @Test
    void anActivityRegardingALeadThatFailedIsReportedFailedWithTheLeadsReason() {
        PhoneNumber other = number("+1 555 010 0998");
        NewLead refused = new NewLead("twilio:SM7", NOBODY, "U-NOBODY", "Owned by nobody the CRM knows");

        List<ActivityWriteResult> results = crm().writeActivities(List.of(onNewLead("twilio:SM7", refused, "one"),
                onNewLead("twilio:SM8", new NewLead("twilio:SM8", other, "U-BOB", "Fine"), "fine"),
                onNewLead("twilio:SM9", refused, "two"), inbound("twilio:SM10", C_1, "known")));

        assertThat(results).extracting(ActivityWriteResult::isWritten).containsExactly(false, true, false, true);
        assertThat(results.get(0).error()).as("the lead's reason, naming the lead").contains("twilio:SM7")
                .isEqualTo(results.get(2).error());
        assertThat(results.get(0).retryable()).as("an owner the CRM does not know will not appear by itself").isFalse();
        assertThat(candidatesFor(NOBODY)).isEmpty();
        assertThat(candidatesFor(other)).singleElement()
                .satisfies(candidate -> assertThat(candidate.ref()).isEqualTo(results.get(1).lead().ref()));
        assertThat(activitiesOn(crm(), C_1)).extracting(WrittenActivity::body).containsExactly("known");
    }

    // --- finding records by ref

    @Test
    void everyRecordOfTheFixtureIsFoundByItsRefWithItsOwnerActiveFlagAndLastModified() {
        Map<RecordRef, CrmRecord> expected = FIXTURE.records().stream()
                .collect(Collectors.toMap(CrmFixture.FixtureRecord::ref, CrmAdapterContractTest::asInFixture));

        Map<RecordRef, CrmRecord> found = crm().findRecords(expected.keySet());

        assertThat(found).as("all four types, active and not, with and without a phone that is a number")
                .usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(expected);
    }

    @Test
    void aRecordListsEveryPhoneFieldAsTypedWithTheNumberItIsOrNoneWhenItIsNotANumber() {
        Map<RecordRef, CrmRecord> found = crm().findRecords(Set.of(C_1, C_4, C_5, O_1));

        assertThat(found.get(C_1).phones()).containsExactly(
                new RecordPhone("business", "(555) 010-0200", DANA),
                new RecordPhone("mobile", "+1 555 010 0201", DANA_MOBILE));
        assertThat(found.get(C_4).phone("business")).map(RecordPhone::number).contains(ELI);
        assertThat(found.get(C_5).phones()).singleElement()
                .satisfies(phone -> assertThat(phone.number()).isNull());
        assertThat(found.get(O_1).phones()).extracting(RecordPhone::field, RecordPhone::number)
                .as("an opportunity offers its contact's numbers, then its account's")
                .containsExactly(tuple("contact.business", DANA), tuple("contact.mobile", DANA_MOBILE),
                        tuple("account.business", DANA));
    }

    // --- related records

    @Test
    void aContactsOpportunitiesAreRelatedToItAndAnOpportunitysContactAndAccountToIt() {
        Map<RecordRef, List<CrmRecord>> related = crm().findRelatedRecords(Set.of(C_1, O_1, A_2, L_1, C_2));

        assertThat(related.get(C_1)).extracting(CrmRecord::ref, CrmRecord::name)
                .containsExactly(tuple(O_1, "Renewal 2027"));
        assertThat(related.get(O_1)).extracting(CrmRecord::ref).containsExactlyInAnyOrder(C_1, A_1);
        assertThat(related.get(A_2)).extracting(CrmRecord::ref).containsExactly(O_2);
        assertThat(related.get(L_1)).as("a lead has no related records").isEmpty();
        assertThat(related.get(C_2)).as("a contact without opportunities").isEmpty();
    }

    @Test
    void relatedRecordsOfRecordsThatDoNotExistAreAbsent() {
        RecordRef unknown = new RecordRef(RecordType.CONTACT, "C-404");

        assertThat(crm().findRelatedRecords(Set.of(unknown, C_1))).containsOnlyKeys(C_1);
        assertThat(crm().findRelatedRecords(Set.of())).isEmpty();
    }

    @Test
    void refsToRecordsThatDoNotExistAreAbsent() {
        RecordRef unknown = new RecordRef(RecordType.CONTACT, "C-404");
        RecordRef contactAsLead = new RecordRef(RecordType.LEAD, "C-1");

        assertThat(crm().findRecords(Set.of(C_1, unknown, contactAsLead))).containsOnlyKeys(C_1);
        assertThat(crm().findRecords(Set.of(unknown))).isEmpty();
    }

    @Test
    void aCreatedLeadIsFoundByItsRefAsItIsACandidate() {
        RecordRef lead = crm().writeActivities(List.of(onNewLead("twilio:SM6",
                new NewLead("twilio:SM6", NOBODY, "T-EAST", "SMS +15550100999"), "Hi"))).get(0).lead().ref();
        CandidateRecord candidate = candidatesFor(NOBODY).get(0);

        assertThat(crm().findRecords(Set.of(lead, C_1))).containsOnlyKeys(lead, C_1)
                .containsEntry(lead, new CrmRecord(lead, "SMS +15550100999", "T-EAST", true,
                        candidate.lastModified(), List.of(new RecordPhone("mobile", NOBODY.value(), NOBODY))));
    }

    // --- writing activities

    @Test
    void anActivityKeepsTheMessageExactly() {
        String body = "Hi Dana 👋 — are we still on for 10:00? Ünïcödé & <b>no markup</b>";
        ActivityWriteResult result = crm().writeActivities(List.of(inbound("twilio:SM10", C_1, body))).get(0);

        assertThat(result.isWritten()).isTrue();
        assertThat(activitiesOn(crm(), C_1)).singleElement()
                .satisfies(activity -> {
                    assertThat(activity.id()).isEqualTo(result.activityId());
                    assertThat(activity.direction()).isEqualTo(Direction.INBOUND);
                    assertThat(activity.body()).isEqualTo(body);
                });
    }

    @Test
    void anActivityIsAssignedToTheOwnerItsDraftNames() {
        ActivityDraft draft = inbound("twilio:SM12", C_2, "For Bob");
        ActivityDraft assigned = new ActivityDraft(draft.externalKey(), draft.record(), draft.direction(), draft.from(),
                draft.to(), draft.body(), draft.media(), draft.at(), draft.provider(), draft.providerMessageId(),
                draft.status(), "U-BOB");

        crm().writeActivities(List.of(assigned));

        assertThat(activitiesOn(crm(), C_2)).singleElement()
                .satisfies(activity -> assertThat(activity.ownerId()).isEqualTo("U-BOB"));
    }

    @Test
    void writingTheSameExternalKeyTwiceAnswersTheFirstActivityAndWritesOne() {
        ActivityWriteResult first = crm().writeActivities(List.of(inbound("twilio:SM11", C_1, "Hello"))).get(0);
        ActivityWriteResult again = crm().writeActivities(List.of(inbound("twilio:SM11", C_1, "Hello, retried")))
                .get(0);

        assertThat(again.isWritten()).isTrue();
        assertThat(again.activityId()).isEqualTo(first.activityId());
        assertThat(activitiesOn(crm(), C_1)).extracting(WrittenActivity::body).containsExactly("Hello");
    }

    @Test
    void aDraftOnAMissingRecordFailsForGoodWhileTheRestOfTheBatchIsWritten() {
        RecordRef missing = new RecordRef(RecordType.CONTACT, "C-404");

        List<ActivityWriteResult> results = crm().writeActivities(List.of(
                inbound("twilio:SM20", C_1, "before"),
                inbound("twilio:SM21", missing, "lost"),
                inbound("twilio:SM22", A_1, "after")));

        assertThat(results).extracting(ActivityWriteResult::externalKey)
                .containsExactly("twilio:SM20", "twilio:SM21", "twilio:SM22");
        assertThat(results.get(1).isWritten()).isFalse();
        assertThat(results.get(1).retryable()).isFalse();
        assertThat(results.get(1).error()).contains("C-404");
        assertThat(results.get(0).isWritten()).isTrue();
        assertThat(results.get(2).isWritten()).isTrue();
        assertThat(activitiesOn(crm(), C_1)).extracting(WrittenActivity::body).containsExactly("before");
        assertThat(activitiesOn(crm(), A_1)).extracting(WrittenActivity::body).containsExactly("after");
    }

    @Test
    void activitiesCanBeWrittenOnACreatedLeadAndOnEveryRecordType() {
        RecordRef lead = crm().writeActivities(List.of(onNewLead("twilio:SM30",
                new NewLead("twilio:SM30", NOBODY, "U-ALICE", "New"), "created with the lead"))).get(0).lead().ref();

        List<ActivityWriteResult> results = crm().writeActivities(List.of(
                inbound("twilio:SM31", lead, "to the lead"), inbound("twilio:SM32", C_1, "to the contact"),
                inbound("twilio:SM33", A_1, "to the account"), inbound("twilio:SM34", O_1, "to the opportunity")));

        assertThat(results).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(activitiesOn(crm(), lead)).extracting(WrittenActivity::body)
                .containsExactly("created with the lead", "to the lead");
        assertThat(activitiesOn(crm(), O_1)).extracting(WrittenActivity::body).containsExactly("to the opportunity");
    }

    @Test
    void anUpdateRecordsTheDeliveryStateAndWhyItFailed() {
        List<ActivityWriteResult> written = crm().writeActivities(List.of(
                outbound("twilio:SM40", C_1, "Your quote is ready"), outbound("twilio:SM41", C_1, "Call me back")));

        crm().updateActivities(List.of(
                new ActivityUpdate(written.get(0).activityId(), DeliveryStatus.DELIVERED, null),
                new ActivityUpdate(written.get(1).activityId(), DeliveryStatus.FAILED,
                        FailureReason.UNREACHABLE_DESTINATION)));

        assertThat(activitiesOn(crm(), C_1))
                .extracting(WrittenActivity::body, WrittenActivity::status, WrittenActivity::failureReason)
                .containsExactlyInAnyOrder(
                        tuple("Your quote is ready", DeliveryStatus.DELIVERED, null),
                        tuple("Call me back", DeliveryStatus.FAILED, FailureReason.UNREACHABLE_DESTINATION));
    }

    // --- users and teams

    @Test
    void findUsersAnswersKnownUsersWithTheirTeamsAndSmsPrivilege() {
        Map<String, CrmUser> users = crm().findUsers(Set.of("U-ALICE", "U-CARL", "U-NOBODY"));

        assertThat(users).containsOnlyKeys("U-ALICE", "U-CARL");
        assertThat(users.get("U-ALICE")).isEqualTo(new CrmUser("U-ALICE", "Alice Seller", Set.of("T-EAST"), true));
        assertThat(users.get("U-CARL")).isEqualTo(new CrmUser("U-CARL", "Carl Junior", Set.of("T-EAST"), false));
    }

    @Test
    void findTeamsAnswersKnownTeamsWithTheirMembers() {
        Map<String, CrmTeam> teams = crm().findTeams(Set.of("T-EAST", "T-WEST", "T-NOBODY"));

        assertThat(teams).containsOnlyKeys("T-EAST", "T-WEST");
        assertThat(teams.get("T-EAST")).isEqualTo(new CrmTeam("T-EAST", "East sales", Set.of("U-ALICE", "U-CARL")));
        assertThat(teams.get("T-WEST")).isEqualTo(new CrmTeam("T-WEST", "West sales", Set.of("U-BOB")));
    }

    @Test
    void anEmptyBatchAnswersNothing() {
        assertThat(crm().findCandidates(Set.of())).isEmpty();
        assertThat(crm().findRecords(Set.of())).isEmpty();
        assertThat(crm().writeActivities(List.of())).isEmpty();
        assertThat(crm().findUsers(Set.of())).isEmpty();
        assertThat(crm().findTeams(Set.of())).isEmpty();
    }

    // --- helpers

    private List<CandidateRecord> candidatesFor(PhoneNumber number) {
        Map<PhoneNumber, List<CandidateRecord>> found = crm().findCandidates(Set.of(number));
        assertThat(found).containsOnlyKeys(number);
        return found.get(number);
    }

    /** The record with its phones: its own fields, or for an opportunity its contact's then its account's. */
    private static CrmRecord asInFixture(CrmFixture.FixtureRecord record) {
        List<RecordPhone> phones = new java.util.ArrayList<>(phonesOf(record, ""));
        if (record.contact() != null) {
            phones.addAll(phonesOf(FIXTURE.record(record.contact()), "contact."));
        }
        if (record.account() != null) {
            phones.addAll(phonesOf(FIXTURE.record(record.account()), "account."));
        }
        return new CrmRecord(record.ref(), record.name(), record.owner(), record.active(), record.lastModified(),
                phones);
    }

    private static List<RecordPhone> phonesOf(CrmFixture.FixtureRecord record, String path) {
        return record.phones().entrySet().stream()
                .map(phone -> new RecordPhone(path + phone.getKey(), phone.getValue(),
                        PhoneNumber.tryParse(phone.getValue(), CrmFixture.REGION).orElse(null)))
                .toList();
    }

    private static List<RecordRef> refsOf(List<CandidateRecord> candidates) {
        return candidates.stream().map(CandidateRecord::ref).toList();
    }

    // --- searching records, moving activities, notifying

    @Test
    void aSearchFindsRecordsWhoseNameContainsTheQueryInAnyCase() {
        assertThat(crm().searchRecords("dana", Set.of(RecordType.values()), 10))
                .extracting(CrmRecord::ref).containsExactlyInAnyOrder(C_1, A_1);
        assertThat(crm().searchRecords("DANA", Set.of(RecordType.CONTACT), 10))
                .singleElement().satisfies(r -> {
                    assertThat(r.ref()).isEqualTo(C_1);
                    assertThat(r.name()).isEqualTo("Dana Customer");
                    assertThat(r.ownerId()).isEqualTo("U-ALICE");
                });
    }

    @Test
    void aSearchKeepsToItsLimitAndTakesAnyCharacterAsText() {
        assertThat(crm().searchRecords("a", Set.of(RecordType.values()), 3)).hasSize(3);
        assertThat(crm().searchRecords("O'Brien \\ {x} \"q\" %_*", Set.of(RecordType.values()), 10)).isEmpty();
        assertThat(crm().searchRecords("  ", Set.of(RecordType.values()), 10)).isEmpty();
    }

    @Test
    void aMovedActivityLeavesItsRecordForTheTargetOnce() {
        String activity = crm().writeActivities(List.of(inbound("twilio:SM40", C_1, "Wrong record"))).get(0).activityId();

        List<ActivityMoveResult> moved = crm().moveActivities(List.of(new ActivityMove(activity, A_1)));
        List<ActivityMoveResult> again = crm().moveActivities(List.of(new ActivityMove(activity, A_1)));

        assertThat(moved).singleElement().satisfies(r -> assertThat(r.isMoved()).isTrue());
        assertThat(again).singleElement().satisfies(r -> assertThat(r.isMoved()).as("moving twice is harmless").isTrue());
        assertThat(activitiesOn(crm(), A_1)).extracting(WrittenActivity::id).containsExactly(activity);
        assertThat(activitiesOn(crm(), C_1)).extracting(WrittenActivity::id).doesNotContain(activity);
    }

    @Test
    void movingAnUnknownActivityOrOntoAMissingRecordFailsForThatMoveAlone() {
        String activity = crm().writeActivities(List.of(inbound("twilio:SM41", C_1, "Hi"))).get(0).activityId();

        List<ActivityMoveResult> results = crm().moveActivities(List.of(
                new ActivityMove("no-such-activity", A_1),
                new ActivityMove(activity, new RecordRef(RecordType.CONTACT, "C-404")),
                new ActivityMove(activity, L_1)));

        assertThat(results).extracting(ActivityMoveResult::isMoved).containsExactly(false, false, true);
        assertThat(results.get(0).error()).isNotBlank();
        assertThat(activitiesOn(crm(), L_1)).extracting(WrittenActivity::id).containsExactly(activity);
    }

    @Test
    void aNotificationReachesItsRecipientAndNoOneElse() {
        crm().sendNotifications(List.of(
                new Notification("U-ALICE", "New text from +15550100200", "Is the renewal still on?", C_1),
                new Notification("U-BOB", "SMS privilege missing", "Ask your admin for the SMS privilege.", null)));

        assertThat(notificationsOf(crm(), "U-ALICE")).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("New text from +15550100200");
            assertThat(n.body()).isEqualTo("Is the renewal still on?");
            assertThat(n.target()).isEqualTo(C_1);
        });
        assertThat(notificationsOf(crm(), "U-BOB")).extracting(Notification::title).containsExactly("SMS privilege missing");
        assertThat(notificationsOf(crm(), "U-CARL")).isEmpty();
    }

    // --- consent

    @Test
    void aCustomersStopAndLaterStartShowOnTheirRecord() {
        assertThat(smsOptOutShownOn(crm(), C_1)).as("nothing before any keyword").isEmpty();

        crm().recordConsent(List.of(new ConsentChange(C_1, DANA, true, Instant.parse("2026-11-20T09:00:00Z")),
                new ConsentChange(L_2, ROBIN, true, Instant.parse("2026-11-20T09:00:00Z"))));
        assertThat(smsOptOutShownOn(crm(), C_1)).contains(true);
        assertThat(smsOptOutShownOn(crm(), L_2)).contains(true);

        crm().recordConsent(List.of(new ConsentChange(C_1, DANA, false, Instant.parse("2026-11-20T10:00:00Z"))));
        assertThat(smsOptOutShownOn(crm(), C_1)).contains(false);
    }

    @Test
    void anOlderConsentChangeDoesNotReplaceANewerOneAndRepeatingOneChangesNothing() {
        ConsentChange start = new ConsentChange(C_1, DANA, false, Instant.parse("2026-11-20T10:00:00Z"));
        crm().recordConsent(List.of(start));
        crm().recordConsent(List.of(new ConsentChange(C_1, DANA, true, Instant.parse("2026-11-20T09:00:00Z"))));
        crm().recordConsent(List.of(start));

        assertThat(smsOptOutShownOn(crm(), C_1)).contains(false);
    }

    @Test
    void consentOnARecordTypeWithoutAConsentFieldIsSkipped() {
        crm().recordConsent(List.of(new ConsentChange(O_1, DANA, true, Instant.parse("2026-11-20T09:00:00Z"))));

        assertThat(smsOptOutShownOn(crm(), O_1)).isEmpty();
        assertThat(smsOptOutShownOn(crm(), C_1)).as("the opportunity's contact is not changed").isEmpty();
        crm().recordConsent(List.of());
    }

    private static ActivityDraft inbound(String externalKey, RecordRef record, String body) {
        String providerMessageId = externalKey.substring(externalKey.indexOf(':') + 1);
        return new ActivityDraft(externalKey, record, Direction.INBOUND, DANA, BUSINESS_LINE, body, List.of(),
                Instant.parse("2026-11-20T09:00:00Z"), "twilio", providerMessageId, null);
    }

    private static ActivityDraft onNewLead(String externalKey, NewLead lead, String body) {
        String providerMessageId = externalKey.substring(externalKey.indexOf(':') + 1);
        return new ActivityDraft(externalKey, null, Direction.INBOUND, lead.phone(), BUSINESS_LINE, body, List.of(),
                Instant.parse("2026-11-20T09:00:00Z"), "twilio", providerMessageId, null, lead.ownerId(), lead);
    }

    private static ActivityDraft outbound(String externalKey, RecordRef record, String body) {
        String providerMessageId = externalKey.substring(externalKey.indexOf(':') + 1);
        return new ActivityDraft(externalKey, record, Direction.OUTBOUND, BUSINESS_LINE, DANA, body, List.of(),
                Instant.parse("2026-11-20T09:00:00Z"), "twilio", providerMessageId, DeliveryStatus.QUEUED);
    }
}
