package dev.textbridge.connector.config;

import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.consent.HelpReplies;
import dev.textbridge.connector.outbound.TextSender;
import dev.textbridge.connector.webhook.ProviderWebhook;
import dev.textbridge.connector.conversation.ConversationMover;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.conversation.VisibleRecords;
import dev.textbridge.connector.flow.InboundNotifier;
import dev.textbridge.connector.flow.NotificationOutbox;
import dev.textbridge.connector.flow.InboundRouter;
import dev.textbridge.connector.crm.SellerDirectory;
import dev.textbridge.connector.crm.TeamDirectory;
import dev.textbridge.connector.flow.InboundBatchProcessor;
import dev.textbridge.connector.flow.InboxBatchSource;
import dev.textbridge.connector.flow.RetryPolicy;
import dev.textbridge.connector.inbox.GroupCommitter;
import dev.textbridge.connector.inbox.InboxArrivals;
import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.connector.inbox.InboxStore;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.routing.RoutingEngine;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The inbox and the Spring Integration flow that drains it: inbox -> route -> write. */
@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FlowConfiguration.class);

    @Bean
    InboxStore inboxStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json, DataSource dataSource) {
        return new InboxStore(jdbc, transactions, json, InboxStore.Database.of(dataSource));
    }

    /**
     * Inbound texts are committed to the inbox in groups: the webhook's answer waits for the commit holding it. Each
     * commit wakes the flow.
     */
    @Bean(destroyMethod = "close")
    GroupCommitter<InboundMessage> inboxTextCommitter(InboxStore inbox, InboxArrivals arrivals) {
        return new GroupCommitter<InboundMessage>("inbox", texts -> {
            List<Boolean> stored = inbox.acceptAll(texts);
            arrivals.signal();
            return stored;
        }, text -> {
            boolean stored = inbox.accept(text);
            arrivals.signal();
            return stored;
        }, 500, 20_000).start();
    }

    @Bean
    InboxArrivals inboxArrivals() {
        return new InboxArrivals();
    }

    /** Delivery reports likewise: a provider reports every text it sends at least twice (sent, delivered). */
    @Bean(destroyMethod = "close")
    GroupCommitter<DeliveryReport> inboxReportCommitter(InboxStore inbox) {
        return new GroupCommitter<DeliveryReport>("report inbox", inbox::acceptAllReports, inbox::accept, 500, 20_000)
                .start();
    }

    @Bean
    ConversationStore conversationStore(JdbcTemplate jdbc, JsonMapper json) {
        return new ConversationStore(jdbc, json);
    }

    @Bean
    InboundNotifier inboundNotifier(CrmAdapter crm, ConversationStore conversations, SellerDirectory sellers,
                                    TeamDirectory teams, BusinessNumbers numbers, NotificationOutbox outbox,
                                    TransactionTemplate transactions, Clock clock) {
        return new InboundNotifier(crm, conversations, sellers, teams, numbers, outbox, transactions, clock);
    }

    @Bean
    NotificationOutbox notificationOutbox(JdbcClient jdbc, CrmAdapter crm, Clock clock) {
        return new NotificationOutbox(jdbc, crm, clock);
    }

    @Bean
    IntegrationFlow notificationOutboxFlow(NotificationOutbox outbox) {
        return IntegrationFlow
                .fromSupplier(() -> outbox.sendDue(100), endpoint -> endpoint.poller(Pollers.fixedDelay(
                        Duration.ofSeconds(5))))
                .nullChannel();
    }

    @Bean
    VisibleRecords visibleRecords(CrmAdapter crm, ConversationStore conversations) {
        return new VisibleRecords(crm, conversations, Duration.ofSeconds(10));
    }

    @Bean
    ConversationMover conversationMover(ConversationStore conversations, CrmAdapter crm, Clock clock) {
        return new ConversationMover(conversations, crm, clock);
    }

    @Bean
    ConsentStore consentStore(JdbcClient jdbc, List<ProviderWebhook> webhooks) {
        return new ConsentStore(jdbc, webhooks.stream().map(ProviderWebhook::mapping).toList());
    }

    @Bean
    TeamDirectory teamDirectory(CrmAdapter crm) {
        return new TeamDirectory(crm, Duration.ofMinutes(5));
    }

    @Bean
    RoutingEngine routingEngine(TextbridgeProperties properties) {
        return new RoutingEngine(properties.routing().typeOrder());
    }

    @Bean
    InboundRouter inboundRouter(CrmAdapter crm, RoutingEngine engine, BusinessNumbers numbers,
                                ConversationStore conversations, TeamDirectory teams, TextbridgeProperties properties) {
        return new InboundRouter(crm, engine, numbers, conversations, teams, properties.routing().defaultLeadOwner());
    }

    @Bean
    InboundBatchProcessor inboundBatchProcessor(InboxStore inbox, CrmAdapter crm, InboundRouter router,
                                                ConversationStore conversations, ConsentStore consent,
                                                InboundNotifier notifier, TextSender sender,
                                                TextbridgeProperties properties, Clock clock, MeterRegistry meters,
                                                TransactionTemplate transactions) {
        TextbridgeProperties.Inbox settings = properties.inbox();
        return new InboundBatchProcessor(inbox, crm, router, conversations, consent, notifier,
                new HelpReplies(sender, consent, properties.consent().helpReply()),
                new RetryPolicy(settings.initialBackoff(), settings.maxBackoff(), settings.giveUpAfter()), clock, meters,
                transactions);
    }

    @Bean
    InboxBatchSource inboxBatchSource(InboxStore inbox, TextbridgeProperties properties, Clock clock,
                                      InboxArrivals arrivals) {
        TextbridgeProperties.Inbox settings = properties.inbox();
        return new InboxBatchSource(inbox, settings.batchSize(), settings.claimTimeout(), clock, arrivals,
                settings.pollInterval());
    }

    @Bean
    IntegrationFlow inboundTextFlow(InboxBatchSource source, InboundBatchProcessor processor,
                                    TextbridgeProperties properties) {
        if (properties.inbox().paused()) {
            log.warn("textbridge.inbox.paused is set: callbacks are acknowledged and stored, and no text is routed or"
                    + " written until the connector starts without it");
        }
        return IntegrationFlow
                // The source itself waits up to a poll interval for arrivals, so the poller goes straight back to it.
                .from(source, endpoint -> endpoint.poller(Pollers.fixedDelay(Duration.ofMillis(1))
                        .maxMessagesPerPoll(20)).autoStartup(!properties.inbox().paused()))
                .handle(List.class, (batch, headers) -> {
                    @SuppressWarnings("unchecked")
                    List<InboxEntry> entries = batch;
                    processor.process(entries);
                    return null;
                })
                .get();
    }
}
