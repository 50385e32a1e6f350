package dev.textbridge.connector.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a message that failed is tried again: after as long as it has been failing, at least {@code initialBackoff}
 * and at most {@code maxBackoff} (so the waits double: 2 s, 2 s, 4 s, 8 s, ...), until {@code giveUpAfter} has
 * passed since its first failure; then it is dead. Counting from the first failure rather than the number of
 * attempts means a replayed message starts again with short waits.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {

    /**
     * @param firstFailureAt when the message first failed, or null when this is its first failure
     * @return when to try again, or empty when the message is dead
     */
    public Optional<Instant> nextAttempt(Instant firstFailureAt, Instant now) {
        Instant since = firstFailureAt == null ? now : firstFailureAt;
        Instant deadline = since.plus(giveUpAfter);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration failing = Duration.between(since, now);
        Duration backoff = failing.compareTo(initialBackoff) < 0 ? initialBackoff
                : failing.compareTo(maxBackoff) > 0 ? maxBackoff : failing;
        Instant next = now.plus(backoff);
        // The last try happens at the deadline, so an outage just shorter than the budget still ends in success.
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}
