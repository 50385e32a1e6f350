package dev.textbridge.connector.outbound;

import dev.textbridge.connector.inbox.InboxStore;
import dev.textbridge.connector.inbox.InboxStore.PendingReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Applies stored delivery reports to the texts they name, forward only. A report that overtook the provider's answer
 * to the send request (its text is not known yet) stays pending and is applied once the text is recorded.
 */
public class DeliveryReportApplier {

    /** A report whose text never appears (a text sent outside Textbridge from the same account) is dropped then. */
    static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(DeliveryReportApplier.class);

    private final InboxStore reports;
    private final OutboundStore texts;
    private final Clock clock;

    public DeliveryReportApplier(InboxStore reports, OutboundStore texts, Clock clock) {
        this.reports = reports;
        this.texts = texts;
        this.clock = clock;
    }

    /** @return how many reports were applied (or found to change nothing) */
    public int applyPending(int max) {
        List<PendingReport> pending = reports.pendingReports(max);
        int done = 0;
        for (PendingReport report : pending) {
            if (texts.apply(report.report(), clock.instant())) {
                reports.markReportApplied(report.id());
                done++;
            } else if (reports.markReportChecked(report.id(), clock.instant(), GIVE_UP_AFTER)) {
                log.warn("A {} delivery report for message {} names no text Textbridge sent; dropped after {}",
                        report.report().provider(), report.report().providerMessageId(), GIVE_UP_AFTER);
            }
        }
        return done;
    }
}
