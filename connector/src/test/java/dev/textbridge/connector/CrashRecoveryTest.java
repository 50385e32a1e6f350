package dev.textbridge.connector;

import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector is killed with SIGKILL right after it acknowledged texts and before it processed them; started again
 * on the same store, it writes every one of them, once.
 */
class CrashRecoveryTest {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:crash".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws IOException {
        processes.forEach(Process::destroyForcibly);
        for (int i = 0; i < processes.size(); i++) {
            Path log = dataDir.resolve("connector-" + i + ".log");
            if (java.nio.file.Files.exists(log)) {
                List<String> lines = java.nio.file.Files.readAllLines(log);
                System.out.println("--- last lines of connector " + i + " ---");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            }
        }
    }

    @Test
    void killingTheProcessAfterTheAcknowledgementLosesNothingAndDoublesNothing() throws Exception {
        int port = freePort();
        Process first = start(port, true);
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sid = TwilioCallbacks.newMessageSid();
            sids.add(sid);
            HttpResponse<String> answer = postInbound(port, TwilioCallbacks.inbound(sid, "+1555019900" + i, "+15550100001", "text " + i));
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        for (String sid : sids) {
            assertThat(trace(port, sid).path("state").asString()).isEqualTo("received");
        }

        first.destroyForcibly().waitFor();

        start(port, false);
        for (String sid : sids) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "written".equals(trace(port, sid).path("state").asString()));
            String recordId = trace(port, sid).path("record").path("id").asString();
            JsonNode activities = get(port, "/local-crm/api/records/" + recordId + "/activities", null);
            long copies = 0;
            for (JsonNode activity : activities) {
                if (sid.equals(activity.path("providerMessageId").asString())) {
                    copies++;
                }
            }
            assertThat(copies).as("activities for %s", sid).isEqualTo(1);
        }
    }

    private Process start(int port, boolean paused) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                TextbridgeApplication.class.getName(),
                "--server.port=" + port,
                "--textbridge.store.url=jdbc:h2:file:" + dataDir.resolve("textbridge") + ";WRITE_DELAY=0",
                "--textbridge.public-base-url=" + TwilioCallbacks.PUBLIC_BASE_URL,
                "--textbridge.providers.twilio.auth-token=" + TwilioCallbacks.AUTH_TOKEN,
                "--textbridge.admin.password=crash",
                "--textbridge.inbox.poll-interval=20ms",
                "--textbridge.inbox.paused=" + paused));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("connector-" + processes.size() + ".log").toFile())
                .start();
        processes.add(process);
        // Generous: a loaded 2-core machine has been seen to take 90 s to start a second JVM.
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    assertThat(process.isAlive()).as("connector process alive").isTrue();
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                });
        return process;
    }

    private HttpResponse<String> postInbound(int port, Map<String, String> fields) throws Exception {
        String path = "/webhooks/twilio/inbound";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioCallbacks.sign(TwilioCallbacks.PUBLIC_BASE_URL + path, fields))
                .POST(HttpRequest.BodyPublishers.ofString(TwilioCallbacks.formEncode(fields)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode trace(int port, String sid) throws Exception {
        return get(port, "/admin/v1/messages/twilio/" + sid, ADMIN);
    }

    private JsonNode get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
