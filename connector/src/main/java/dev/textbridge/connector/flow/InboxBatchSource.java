package dev.textbridge.connector.flow;

import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.connector.inbox.InboxStore;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.integration.core.MessageSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Feeds the inbound flow: each message is a batch of inbox entries claimed for this worker. */
public class InboxBatchSource implements MessageSource<List<InboxEntry>> {

    private final InboxStore inbox;
    private final int batchSize;
    private final Duration claimTimeout;
    private final Clock clock;

    public InboxBatchSource(InboxStore inbox, int batchSize, Duration claimTimeout, Clock clock) {
        this.inbox = inbox;
        this.batchSize = batchSize;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    @Override
    public Message<List<InboxEntry>> receive() {
        List<InboxEntry> batch = inbox.claimBatch(batchSize, clock.instant(), claimTimeout);
        return batch.isEmpty() ? null : MessageBuilder.withPayload(batch).build();
    }
}
