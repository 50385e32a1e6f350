package dev.textbridge.connector.flow;

import dev.textbridge.connector.inbox.InboxArrivals;
import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.connector.inbox.InboxStore;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.integration.core.MessageSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Feeds the inbound flow: each message is a batch of inbox entries claimed for this worker. With nothing to claim it
 * waits, up to a poll interval, for texts to be committed, and claims them the moment they are.
 */
public class InboxBatchSource implements MessageSource<List<InboxEntry>> {

    private final InboxStore inbox;
    private final int batchSize;
    private final Duration claimTimeout;
    private final Clock clock;
    private final InboxArrivals arrivals;
    private final Duration pollInterval;

    public InboxBatchSource(InboxStore inbox, int batchSize, Duration claimTimeout, Clock clock, InboxArrivals arrivals,
                            Duration pollInterval) {
        this.inbox = inbox;
        this.batchSize = batchSize;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
        this.arrivals = arrivals;
        this.pollInterval = pollInterval;
    }

    @Override
    public Message<List<InboxEntry>> receive() {
        List<InboxEntry> batch = claim();
        if (batch.isEmpty() && arrivals.await(pollInterval)) {
            batch = claim();
        }
        return batch.isEmpty() ? null : MessageBuilder.withPayload(batch).build();
    }

    private List<InboxEntry> claim() {
        try {
            return inbox.claimBatch(batchSize, clock.instant(), claimTimeout);
        } catch (RuntimeException storeDown) {
            // The poller comes straight back: without this pause a store that is down would be asked a thousand
            // times a second.
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw storeDown;
        }
    }
}
