package dev.textbridge.crm.local;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local CRM's latency knob: every adapter call waits as a remote CRM's round trip would; the views do not. */
class LocalCrmLatencyTest {

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final PhoneNumber DANA = PhoneNumber.parse("+1 555 010 0200", "US");
    private static final PhoneNumber BUSINESS_LINE = PhoneNumber.parse("+1 555 010 0001", "US");

    private final H2Database database = new H2Database();
    private final LocalCrm crm = LocalCrmUnderTest.seededWith(database.dataSource(), CrmFixture.standard());

    @AfterEach
    void dropTheDatabase() throws Exception {
        database.close();
        Thread.interrupted();
    }

    @Test
    void thereIsNoLatencyUnlessOneIsSet() {
        assertThat(crm.latency()).isEqualTo(Duration.ZERO);
    }

    @Test
    void everyAdapterCallWaitsAtLeastTheLatencyAndStillAnswers() {
        crm.setLatency(Duration.ofMillis(40));

        for (ThrowingCallable call : everyCall()) {
            assertThat(elapsed(call)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        }
        assertThat(crm.findCandidates(Set.of(DANA)).get(DANA)).hasSize(4);
        assertThat(crm.apiCalls()).isEqualTo(everyCall().size() + 1);
    }

    @Test
    void aRefusedCallWaitsToo() {
        crm.setLatency(Duration.ofMillis(40));
        crm.setAvailable(false);

        long started = System.nanoTime();
        assertThatThrownBy(() -> crm.findCandidates(Set.of(DANA))).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("the local CRM is switched off");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    void theViewsAndTheTypeDoNotWait() {
        crm.setLatency(Duration.ofSeconds(5));

        assertThat(elapsed(() -> {
            crm.records();
            crm.activities("C-1");
            crm.type();
        })).isLessThan(Duration.ofSeconds(4));
        assertThat(crm.apiCalls()).isZero();
    }

    @Test
    void settingItBackToZeroRemovesTheWait() {
        crm.setLatency(Duration.ofSeconds(5));
        crm.setLatency(Duration.ZERO);

        assertThat(elapsed(() -> crm.findCandidates(Set.of(DANA)))).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aNegativeLatencyIsRefused() {
        assertThatThrownBy(() -> crm.setLatency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> crm.setLatency(null)).isInstanceOf(NullPointerException.class);
        assertThat(crm.latency()).isEqualTo(Duration.ZERO);
    }

    @Test
    void anInterruptedWaitIsAnUnavailableCrmAndKeepsTheInterrupt() {
        crm.setLatency(Duration.ofSeconds(5));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> crm.writeActivities(List.of(inbound("twilio:SM1"))))
                .isInstanceOf(CrmUnavailableException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
        crm.setLatency(Duration.ZERO);
        assertThat(crm.activities("C-1")).isEmpty();
    }

    private List<ThrowingCallable> everyCall() {
        return List.of(
                () -> crm.findCandidates(Set.of(DANA)),
                () -> crm.writeActivities(List.of(inbound("twilio:SM9"))),
                () -> crm.updateActivities(List.of(new ActivityUpdate("ACT-1", DeliveryStatus.SENT, null))),
                () -> crm.findUsers(Set.of("U-ALICE")),
                () -> crm.findTeams(Set.of("T-EAST")),
                () -> crm.findRecords(Set.of(C_1)));
    }

    private static Duration elapsed(ThrowingCallable call) {
        long started = System.nanoTime();
        try {
            call.call();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static ActivityDraft inbound(String externalKey) {
        return new ActivityDraft(externalKey, C_1, Direction.INBOUND, DANA, BUSINESS_LINE, "hello", List.of(),
                Instant.parse("2026-11-20T09:00:00Z"), "twilio", externalKey.substring(7), null);
    }
}
