package dev.textbridge.connector.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: callbacks that arrive while a commit is under way wait in a queue and are committed together by the
 * next one, so a burst costs a few transactions (each one a file write on H2 with {@code WRITE_DELAY=0}) instead of
 * one per callback. One thread commits; each caller's future completes only after the commit that holds its item
 * succeeded, with true for stored and false for a repeat. A group whose commit fails is committed again item by item,
 * each in its own transaction, so that one bad item or a conflict with another instance fails only its own caller;
 * an item that cannot be stored alone completes exceptionally and nothing of it is stored.
 *
 * @param <T> what is stored, e.g. an inbound text
 */
public final class GroupCommitter<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final String name;
    private final Function<List<T>, List<Boolean>> commitGroup;
    private final Function<T, Boolean> commitAlone;
    private final int maxGroup;
    private final BlockingQueue<Pending<T>> queue;
    private final Thread committer;
    private volatile boolean open = true;

    private record Pending<T>(T item, CompletableFuture<Boolean> stored) {
    }

    /**
     * @param commitGroup stores a group in one transaction and answers, per item in order, whether it was new
     * @param commitAlone stores one item in its own transaction and answers whether it was new
     * @param maxGroup    the most items one commit takes
     * @param capacity    the most items waiting; beyond it a submission fails at once (the provider retries later)
     */
    public GroupCommitter(String name, Function<List<T>, List<Boolean>> commitGroup, Function<T, Boolean> commitAlone,
                          int maxGroup, int capacity) {
        this.name = name;
        this.commitGroup = commitGroup;
        this.commitAlone = commitAlone;
        this.maxGroup = maxGroup;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.committer = new Thread(this::run, name + "-committer");
        this.committer.setDaemon(true);
    }

    /** Starts committing; what was submitted before is committed as the first group. */
    public GroupCommitter<T> start() {
        committer.start();
        return this;
    }

    /** Queues an item for the next commit; the future answers whether it was new, once it is committed. */
    public CompletableFuture<Boolean> submit(T item) {
        Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
        if (!open) {
            pending.stored().completeExceptionally(new NotCommittedException(name + " is shut down"));
        } else if (!queue.offer(pending)) {
            pending.stored().completeExceptionally(new NotCommittedException(
                    name + " has " + queue.size() + " items waiting for a commit already"));
        } else if (!open && queue.remove(pending)) {
            // close() ran between the check and the offer, and nothing will take it any more.
            pending.stored().completeExceptionally(new NotCommittedException(name + " is shut down"));
        }
        return pending.stored();
    }

    private void run() {
        List<Pending<T>> group = new ArrayList<>(maxGroup);
        while (open || !queue.isEmpty()) {
            try {
                // Polls rather than takes: close() stops the loop without interrupting a JDBC call.
                Pending<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                group.forEach(p -> p.stored().completeExceptionally(e));
                log.error("The {} failed a group unexpectedly", name, e);
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending<T>> group) {
        List<Boolean> stored;
        try {
            stored = commitGroup.apply(group.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            log.warn("A group commit of {} items in the {} failed ({}); committing them one by one", group.size(), name,
                    e.getClass().getSimpleName());
            log.debug("The group commit failed", e);
            group.forEach(this::commitAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).stored().complete(stored.get(i));
        }
    }

    private void commitAlone(Pending<T> pending) {
        try {
            pending.stored().complete(commitAlone.apply(pending.item()));
        } catch (RuntimeException e) {
            log.debug("Storing one item in the {} failed", name, e);
            pending.stored().completeExceptionally(new NotCommittedException(name + " could not commit it: "
                    + e.getClass().getSimpleName(), e));
        }
    }

    /** Stops taking items, commits what is queued, and waits (bounded) for the last commit. */
    @Override
    public void close() {
        open = false;
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<T> left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new NotCommittedException(name + " is shut down"));
        }
    }

    /** An item was not stored: nothing of it is committed, and its caller should be answered so that it retries. */
    public static class NotCommittedException extends RuntimeException {
        NotCommittedException(String message) {
            super(message);
        }

        NotCommittedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
