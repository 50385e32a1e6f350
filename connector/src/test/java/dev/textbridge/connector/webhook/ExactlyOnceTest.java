package dev.textbridge.connector.webhook;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Providers retry; a repeated callback is acknowledged and dropped, so each text becomes exactly one activity. */
@ConnectorTest
class ExactlyOnceTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @Test
    void theSameCallbackTwiceMakesOneMessageAndOneActivity() {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = TwilioCallbacks.inbound(sid, "+15550179001", "+15550100001", "twice");

        connector.twilioPostsInbound(fields).expectStatus().isOk();
        connector.twilioPostsInbound(fields).expectStatus().isOk();

        Trace trace = connector.awaitState(sid, "written");
        connector.twilioPostsInbound(fields).expectStatus().isOk();
        assertThat(connector.activitiesOf(trace.record().id())).filteredOn(a -> sid.equals(a.providerMessageId())).hasSize(1);
        assertThat(connector.trace(sid).attempts()).isEqualTo(1);
    }

    @Test
    void tenConcurrentDeliveriesOfTheSameCallbackMakeOneActivity() throws Exception {
        String sid = TwilioCallbacks.newMessageSid();
        Map<String, String> fields = TwilioCallbacks.inbound(sid, "+15550179002", "+15550100002", "ten times");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                posts.add(() -> connector.twilioPostsInbound(fields).returnResult(String.class).getStatus().value());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(posts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }

        Trace trace = connector.awaitState(sid, "written");
        assertThat(connector.activitiesOf(trace.record().id())).filteredOn(a -> sid.equals(a.providerMessageId())).hasSize(1);
        assertThat(connector.crmRecords()).filteredOn(r -> r.phones().containsValue("+15550179002")).hasSize(1);
    }
}
