package dev.textbridge.connector.inbox;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells the flow that texts were just committed to the inbox, so that it claims them at once rather than at its next
 * poll (up to a poll interval later). Polling stays for what no signal announces: retries coming due, and texts
 * another instance stored in a shared database.
 */
public final class InboxArrivals {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private boolean pending;

    /** Texts were committed. */
    public void signal() {
        lock.lock();
        try {
            pending = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until texts were committed since the last wait returned, at most {@code timeout}.
     *
     * @return whether any were
     */
    public boolean await(Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!pending && nanos > 0) {
                nanos = arrived.awaitNanos(nanos);
            }
            boolean any = pending;
            pending = false;
            return any;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
