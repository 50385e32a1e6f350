package dev.textbridge.connector.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a message that failed is tried again: exponential backoff from {@code initialBackoff} up to
 * {@code maxBackoff}, until {@code giveUpAfter} has passed since its first failure; then it is dead.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {

    /**
     * @param failuresSoFar  failed attempts before this one
     * @param firstFailureAt when the message first failed, or null when this is its first failure
     * @return when to try again, or empty when the message is dead
     */
    public Optional<Instant> nextAttempt(int failuresSoFar, Instant firstFailureAt, Instant now) {
        Instant since = firstFailureAt == null ? now : firstFailureAt;
        if (!now.isBefore(since.plus(giveUpAfter))) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(Math.max(failuresSoFar, 0), 20);
        Duration backoff = initialBackoff.multipliedBy(factor);
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        Instant next = now.plus(backoff);
        Instant deadline = since.plus(giveUpAfter);
        // The last try happens at the deadline, so an outage just shorter than the budget still ends in success.
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}
