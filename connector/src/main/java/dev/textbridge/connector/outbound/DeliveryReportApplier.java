package dev.textbridge.connector.outbound;

import dev.textbridge.connector.inbox.InboxStore;
import dev.textbridge.connector.inbox.InboxStore.PendingReport;

import java.time.Clock;
import java.util.List;

/**
 * Applies stored delivery reports to the texts they name, forward only. A report that overtook the provider's answer
 * to the send request (its text is not known yet) stays pending and is applied once the text is recorded.
 */
public class DeliveryReportApplier {

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
            }
        }
        return done;
    }
}
