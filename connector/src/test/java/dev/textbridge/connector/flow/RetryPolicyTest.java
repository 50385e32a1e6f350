package dev.textbridge.connector.flow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy defaults = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(30));
    private final Instant start = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theWaitsDoubleFromTheInitialBackoffUpToTheMaximum() {
        List<Long> waits = new ArrayList<>();
        Instant now = start;
        Instant first = null;
        for (int i = 0; i < 9; i++) {
            Instant next = defaults.nextAttempt(first, now).orElseThrow();
            waits.add(Duration.between(now, next).toSeconds());
            first = first == null ? now : first;
            now = next;
        }
        assertThat(waits).containsExactly(2L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void theDefaultBudgetRidesOutAFifteenMinuteOutage() {
        Instant now = start;
        Instant firstFailure = null;
        int failures = 0;
        while (now.isBefore(start.plus(Duration.ofMinutes(15)))) {
            Optional<Instant> next = defaults.nextAttempt(firstFailure, now);
            assertThat(next).as("still retrying %s after the outage began", Duration.between(start, now)).isPresent();
            firstFailure = firstFailure == null ? now : firstFailure;
            failures++;
            now = next.get();
        }
        assertThat(failures).as("a few dozen calls to a CRM that is down, not thousands").isLessThan(30);
    }

    @Test
    void aMessageIsDeadOnceTheBudgetSinceItsFirstFailureIsSpent() {
        assertThat(defaults.nextAttempt(start, start.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void theLastTryFallsOnTheDeadlineRatherThanBeyondIt() {
        Instant nearDeadline = start.plus(Duration.ofMinutes(29).plusSeconds(50));
        assertThat(defaults.nextAttempt(start, nearDeadline)).contains(start.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aReplayedMessageStartsAgainWithAShortWait() {
        Instant replayedAt = start.plus(Duration.ofHours(2));
        assertThat(defaults.nextAttempt(null, replayedAt)).contains(replayedAt.plusSeconds(2));
    }
}
