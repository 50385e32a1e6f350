package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against a real org; never runs in CI (Surefire runs {@code *Test} classes only) and skips itself unless the
 * environment names an org. An admin runs it after deploying the setup kit:
 * <pre>
 * TEXTBRIDGE_SF_MY_DOMAIN_URL=https://acme--uat.sandbox.my.salesforce.com \
 * TEXTBRIDGE_SF_CLIENT_ID=... TEXTBRIDGE_SF_CLIENT_SECRET=... \
 * TEXTBRIDGE_SF_TEST_NUMBER=+15550100200 TEXTBRIDGE_SF_LIVE_WRITES=true \
 * mvn -B -ntp -pl crm-adapters/salesforce test -Dtest=SalesforceLiveIT
 * </pre>
 * For the JWT bearer flow set {@code TEXTBRIDGE_SF_JWT_USERNAME} and {@code TEXTBRIDGE_SF_JWT_KEY_FILE} instead of
 * the client secret; {@code TEXTBRIDGE_SF_NOTIFICATION_TYPE} (e.g. {@code Textbridge_Inbound_Text}) lets the org check look
 * for the notification type too. With writes allowed it leaves one lead (company "Unknown (SMS)", name "Textbridge LiveIT ...")
 * and one completed Task on it, for the admin to delete (two Tasks with {@link #aRetriedTextWhoseLeadExistsLandsOnThatLead}).
 * <p>
 * What only a real org can confirm, and these tests check: that {@code create()} takes a Lead and a Task in one call
 * with the Task's {@code Who} given as the Lead's {@code Textbridge_Key__c} (the fake org models Salesforce's
 * documented behaviour: chunks by type in order, the reference resolved by external id); that a lead refused with
 * {@code DUPLICATE_VALUE} in that call still lets the Task's reference find the lead already there; that the REST
 * Composite request with three SOQL subrequests counts as one API call; and the exact error a Task gets when its
 * lead failed in the same call (the fake answers {@code INVALID_FIELD: Foreign key external ID: ... not found}).
 */
class SalesforceLiveIT {

    private static SalesforceCrm crm;
    private static String region;

    @BeforeAll
    static void connect() throws IOException {
        String myDomain = env("TEXTBRIDGE_SF_MY_DOMAIN_URL");
        assumeTrue(myDomain != null, "TEXTBRIDGE_SF_MY_DOMAIN_URL is not set: no org to test against");
        region = env("TEXTBRIDGE_SF_DEFAULT_REGION") == null ? "US" : env("TEXTBRIDGE_SF_DEFAULT_REGION");
        SalesforceSettings settings = env("TEXTBRIDGE_SF_JWT_USERNAME") != null
                ? SalesforceSettings.jwtBearer(URI.create(myDomain), env("TEXTBRIDGE_SF_CLIENT_ID"),
                        env("TEXTBRIDGE_SF_JWT_USERNAME"), Files.readString(Path.of(env("TEXTBRIDGE_SF_JWT_KEY_FILE"))))
                : SalesforceSettings.clientCredentials(URI.create(myDomain), env("TEXTBRIDGE_SF_CLIENT_ID"),
                        env("TEXTBRIDGE_SF_CLIENT_SECRET"));
        crm = new SalesforceCrm(settings.withDefaultRegion(region));
    }

    @Test
    void theTokenDrivesThePartnerApiAndTheOrgReportsItsApiUsage() {
        assertThat(crm.findTeams(Set.of("00G000000000000AAA"))).isEmpty();
        assertThat(crm.apiUsage()).hasValueSatisfying(usage -> assertThat(usage.limit()).isPositive());
    }

    /** The org check against the real org: with the setup kit deployed and assigned, it finds nothing missing. */
    @Test
    void anOrgWithTheSetupKitHasEverythingTheConnectorNeeds() {
        SalesforceCrm checked = env("TEXTBRIDGE_SF_NOTIFICATION_TYPE") == null ? crm
                : new SalesforceCrm(crm.settings().withNotificationType(env("TEXTBRIDGE_SF_NOTIFICATION_TYPE")));

        OrgCheck check = checked.checkOrg();

        assertThat(check.findings()).as("what the org lacks").filteredOn(f -> f.severity() == OrgFinding.Severity.ERROR)
                .isEmpty();
        assertThat(check.apiCalls()).isLessThanOrEqualTo(3);
    }

    @Test
    void aKnownNumberFindsItsRecords() {
        String known = env("TEXTBRIDGE_SF_TEST_NUMBER");
        assumeTrue(known != null, "TEXTBRIDGE_SF_TEST_NUMBER is not set");
        PhoneNumber number = PhoneNumber.parse(known, region);

        List<CandidateRecord> candidates = crm.findCandidates(Set.of(number)).get(number);

        assertThat(candidates).isNotEmpty().allSatisfy(candidate -> assertThat(candidate.number()).isEqualTo(number));
        Map<dev.textbridge.crm.api.RecordRef, CrmRecord> records = crm.findRecords(
                Set.copyOf(candidates.stream().map(CandidateRecord::ref).toList()));
        assertThat(records).hasSize(candidates.size());
    }

    @Test
    void leadsAndActivitiesAreIdempotentAndANewLeadIsFoundAtOnce() {
        assumeTrue("true".equals(env("TEXTBRIDGE_SF_LIVE_WRITES")), "TEXTBRIDGE_SF_LIVE_WRITES is not true");
        PhoneNumber number = PhoneNumber.parse(String.format("+1555010%04d", ThreadLocalRandom.current().nextInt(10000)),
                "US");
        String key = "liveit:" + Instant.now().toEpochMilli();
        String owner = env("TEXTBRIDGE_SF_LEAD_OWNER");
        assumeTrue(owner != null, "TEXTBRIDGE_SF_LEAD_OWNER (a user or queue id) is not set");
        NewLead lead = new NewLead(key, number, owner, "Textbridge LiveIT " + number.value());

        ActivityDraft draft = new ActivityDraft(key + ":sms", null, Direction.INBOUND, number,
                PhoneNumber.parse("+15550100001", "US"), "Textbridge LiveIT \"quotes\" {braces} \\ 👋",
                List.of(), Instant.now(), "liveit", key, null, owner, lead);
        long before = crm.apiCalls();
        ActivityWriteResult written = crm.writeActivities(List.of(draft)).get(0);
        long writeCalls = crm.apiCalls() - before;
        ActivityWriteResult rewritten = crm.writeActivities(List.of(draft)).get(0);
        before = crm.apiCalls();
        List<CandidateRecord> found = crm.findCandidates(Set.of(number)).get(number);
        long lookupCalls = crm.apiCalls() - before;

        assertThat(written.isWritten()).as(String.valueOf(written.error())).isTrue();
        assertThat(writeCalls).as("the lead and its Task in one create() call").isEqualTo(1);
        assertThat(lookupCalls).as("SOSL, then one composite request for the reads").isEqualTo(2);
        assertThat(rewritten.lead().ref()).as("Textbridge_Key__c on Lead is unique").isEqualTo(written.lead().ref());
        assertThat(rewritten.activityId()).as("Textbridge_Key__c on Activity is unique").isEqualTo(written.activityId());
        assertThat(found).extracting(CandidateRecord::ref).as("found before the search index caught up")
                .contains(written.lead().ref());
        crm.updateActivities(List.of(new ActivityUpdate(written.activityId(), DeliveryStatus.FAILED,
                FailureReason.UNREACHABLE_DESTINATION)));
    }

    /**
     * A batch repeated after a crash, its text under a new key: Salesforce refuses the lead ({@code DUPLICATE_VALUE}
     * on {@code Textbridge_Key__c}), and the Task, naming the lead by that key, lands on the lead already there.
     */
    @Test
    void aRetriedTextWhoseLeadExistsLandsOnThatLead() {
        assumeTrue("true".equals(env("TEXTBRIDGE_SF_LIVE_WRITES")), "TEXTBRIDGE_SF_LIVE_WRITES is not true");
        String owner = env("TEXTBRIDGE_SF_LEAD_OWNER");
        assumeTrue(owner != null, "TEXTBRIDGE_SF_LEAD_OWNER (a user or queue id) is not set");
        PhoneNumber number = PhoneNumber.parse(String.format("+1555010%04d", ThreadLocalRandom.current().nextInt(10000)),
                "US");
        String key = "liveit:" + Instant.now().toEpochMilli();
        NewLead lead = new NewLead(key, number, owner, "Textbridge LiveIT " + number.value());

        ActivityWriteResult first = crm.writeActivities(List.of(liveText(key + ":1", number, owner, lead))).get(0);
        ActivityWriteResult retried = crm.writeActivities(List.of(liveText(key + ":2", number, owner, lead))).get(0);

        assertThat(first.isWritten()).as(String.valueOf(first.error())).isTrue();
        assertThat(retried.isWritten()).as(String.valueOf(retried.error())).isTrue();
        assertThat(retried.lead().ref()).isEqualTo(first.lead().ref());
        assertThat(retried.activityId()).isNotEqualTo(first.activityId());
    }

    private static ActivityDraft liveText(String key, PhoneNumber number, String owner, NewLead lead) {
        return new ActivityDraft(key, null, Direction.INBOUND, number, PhoneNumber.parse("+15550100001", "US"),
                "Textbridge LiveIT", List.of(), Instant.now(), "liveit", key, null, owner, lead);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }
}
