package dev.textbridge.connector.flow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy defaults = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(30));
    private final Instant start = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theBackoffDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(defaults.nextAttempt(0, null, start)).contains(start.plusSeconds(2));
        assertThat(defaults.nextAttempt(1, start, start)).contains(start.plusSeconds(4));
        assertThat(defaults.nextAttempt(3, start, start)).contains(start.plusSeconds(16));
        assertThat(defaults.nextAttempt(10, start, start)).contains(start.plusSeconds(60));
    }

    @Test
    void theDefaultBudgetRidesOutAFifteenMinuteOutage() {
        Instant now = start;
        int failures = 0;
        Instant firstFailure = null;
        while (now.isBefore(start.plus(Duration.ofMinutes(15)))) {
            Optional<Instant> next = defaults.nextAttempt(failures, firstFailure, now);
            assertThat(next).as("still retrying %s after the outage began", Duration.between(start, now)).isPresent();
            firstFailure = firstFailure == null ? now : firstFailure;
            failures++;
            now = next.get();
        }
        assertThat(failures).isLessThan(40);
    }

    @Test
    void aMessageIsDeadOnceTheBudgetSinceItsFirstFailureIsSpent() {
        assertThat(defaults.nextAttempt(25, start, start.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void theLastTryFallsOnTheDeadlineRatherThanBeyondIt() {
        Instant nearDeadline = start.plus(Duration.ofMinutes(29).plusSeconds(50));
        assertThat(defaults.nextAttempt(20, start, nearDeadline)).contains(start.plus(Duration.ofMinutes(30)));
    }
}
