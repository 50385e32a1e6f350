package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API limits and outages make the CRM unavailable as a whole, so the connector's retry takes over and loses nothing. */
class SalesforceLimitsTest {

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final PhoneNumber DANA = PhoneNumber.parse("+15550100200", "US");

    @AutoClose
    private OrgUnderTest org;

    @BeforeEach
    void start() {
        org = OrgUnderTest.holding(CrmFixture.standard());
    }

    @Test
    void requestLimitExceededFailsTheBatchAndTheRetryWritesItOnce() {
        List<ActivityDraft> batch = List.of(draft("twilio:SM1"), draft("twilio:SM2"));
        org.org.faultNextCall("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");

        assertThatThrownBy(() -> org.crm.writeActivities(batch))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
        List<ActivityWriteResult> retried = org.crm.writeActivities(batch);

        assertThat(retried).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(org.activitiesOn(C_1)).hasSize(2);
    }

    @Test
    void tooManyRequestsMakesTheCrmUnavailable() {
        org.org.failNextCall(429, "application/json",
                "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
                Map.of("Retry-After", "30"));

        assertThatThrownBy(() -> org.crm.findCandidates(Set.of(DANA)))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("HTTP 429");
        assertThat(org.crm.findCandidates(Set.of(DANA)).get(DANA)).hasSize(4);
    }

    @Test
    void anOutagePageMakesTheCrmUnavailable() {
        org.org.failNextCall(503, "text/html", "<html><body>Service Unavailable</body></html>", Map.of());

        assertThatThrownBy(() -> org.crm.findRecords(Set.of(C_1)))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aRecordLockedByAnotherWriteFailsThatDraftRetryablyAndKeepsTheRest() {
        org.org.answerNextCall("<createResponse>"
                + "<result><id>00TFAKE00000099AAA</id><success>true</success></result>"
                + "<result><errors><message>unable to obtain exclusive access to this record</message>"
                + "<statusCode>UNABLE_TO_LOCK_ROW</statusCode></errors><id xsi:nil=\"true\"/><success>false</success></result>"
                + "<result><errors><fields>WhoId</fields><message>Contact ID: id value of incorrect type</message>"
                + "<statusCode>FIELD_INTEGRITY_EXCEPTION</statusCode></errors><id xsi:nil=\"true\"/>"
                + "<success>false</success></result></createResponse>");

        List<ActivityWriteResult> results = org.crm.writeActivities(
                List.of(draft("twilio:SM1"), draft("twilio:SM2"), draft("twilio:SM3")));

        assertThat(results.get(0).activityId()).isEqualTo("00TFAKE00000099AAA");
        assertThat(results.get(1).isWritten()).isFalse();
        assertThat(results.get(1).retryable()).isTrue();
        assertThat(results.get(1).error()).startsWith("UNABLE_TO_LOCK_ROW on contact:C-1");
        assertThat(results.get(2).retryable()).isFalse();
        assertThat(results.get(2).error()).contains("FIELD_INTEGRITY_EXCEPTION").contains("(WhoId)");
    }

    @Test
    void theApiUsageSalesforceReportsIsExposed() {
        assertThat(org.crm.apiUsage()).isEmpty();

        org.crm.findRecords(Set.of(C_1));

        assertThat(org.crm.apiUsage()).hasValueSatisfying(usage -> {
            assertThat(usage.limit()).isEqualTo(15000);
            assertThat(usage.used()).isPositive();
        });
    }

    private static ActivityDraft draft(String key) {
        return SalesforceCallBudgetTest.inbound(key, C_1, DANA);
    }
}
