package dev.textbridge.benchmarks;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.textbridge.benchmarks.Population.Block;
import dev.textbridge.benchmarks.Population.KnownCustomer;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrgServer;
import dev.textbridge.crm.salesforce.fakeorg.MutableClock;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Salesforce the connector writes to in {@code benchmarks/run --crm salesforce}: the Salesforce adapter tests' fake
 * org ({@link FakeOrg}: the OAuth token endpoint, the Partner SOAP API, the REST notification action and queries, all
 * answered in Salesforce's own envelopes) served by WireMock on {@code --port} of 127.0.0.1, seeded with the benchmark
 * population, every answer sent {@code --latency} after its request (default 50 ms), every call counted by
 * {@link SalesforceCalls}. Records the connector creates enter the org's search index every {@code --index-lag}
 * (default 30 s; Salesforce documents no figure), so the adapter's cover for the index lag is exercised too.
 * <p>
 * A second port, {@code --control-port}, answers the harness, and never counts as a call: {@code GET /ready},
 * {@code GET /calls} (see {@link SalesforceCalls#json}) and {@code GET /holdings} ({@code activities}: for each message
 * sid, how many Tasks carry it; {@code leads}: for each number, how many leads with lead source SMS carry it). It
 * writes the connector's settings for this org to {@code --connector-properties} (a file for
 * {@code --spring.config.additional-location}).
 */
public final class SalesforceStandIn {

    /** The sellers and queues, with Salesforce-shaped ids (005 users, 00G queues); Carl lacks the SMS privilege. */
    static final String ALICE = "005BENCHALICE00AAA", BOB = "005BENCHBOB0000AAA", CARL = "005BENCHCARL000AAA";
    static final String EAST = "00GBENCHEAST000AAA", WEST = "00GBENCHWEST000AAA";
    /** When the seeded records were last modified: long enough ago to be outside the adapter's index-lag window. */
    private static final Instant SEEDED_AT = Instant.parse("2026-01-05T09:00:00Z");

    private SalesforceStandIn() {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args, 0);
        Running standIn = start(o.integer("port", 0), o.integer("control-port", 0), o.integer("customers", 2000),
                o.duration("latency", Duration.ofMillis(50)), o.duration("index-lag", Duration.ofSeconds(30)));
        String connectorProperties = o.string("connector-properties", null);
        if (connectorProperties != null) {
            Files.writeString(Path.of(connectorProperties), standIn.connectorProperties(), StandardCharsets.UTF_8);
        }
        System.out.printf("Salesforce stand-in: org at %s, control at %s, %d ms per call, search index catching up "
                        + "every %s%n", standIn.orgUrl(), standIn.controlUrl(), standIn.latency.toMillis(),
                standIn.indexLag);
        standIn.control.onDispose().block();
    }

    /** A stand-in serving; {@link #close()} stops it. */
    static final class Running implements AutoCloseable {
        final FakeOrg org;
        private final FakeOrgServer server;
        private final DisposableServer control;
        private final ScheduledExecutorService ticks;
        private final Duration latency;
        private final Duration indexLag;

        private Running(FakeOrg org, FakeOrgServer server, DisposableServer control, ScheduledExecutorService ticks,
                        Duration latency, Duration indexLag) {
            this.org = org;
            this.server = server;
            this.control = control;
            this.ticks = ticks;
            this.latency = latency;
            this.indexLag = indexLag;
        }

        URI orgUrl() {
            return server.url();
        }

        String controlUrl() {
            return "http://127.0.0.1:" + control.port();
        }

        /** The connector's settings for this org, as a properties file. */
        String connectorProperties() {
            return SalesforceStandIn.connectorProperties(server.url());
        }

        @Override
        public void close() {
            control.disposeNow();
            ticks.shutdownNow();
            server.close();
        }
    }

    /** Seeds the org with {@code customers} per measured phase and serves it; port 0 picks a free one. */
    static Running start(int port, int controlPort, int customers, Duration latency, Duration indexLag) {
        MutableClock clock = new MutableClock(Instant.now());
        FakeOrg org = FakeOrg.holding(fixture(Bench.blocks(customers)), clock);
        SalesforceCalls calls = new SalesforceCalls();
        FakeOrgServer server = new FakeOrgServer(org, WireMockConfiguration.wireMockConfig()
                .bindAddress("127.0.0.1").port(port)
                // Delayed answers wait on a scheduler, not in a request thread, so slow calls do not queue up.
                .containerThreads(64).asynchronousResponseEnabled(true).asynchronousResponseThreads(16)
                // The journal would keep every request body for the whole run; the listener counts instead.
                .disableRequestJournal().stubRequestLoggingDisabled(true)
                .extensions(calls));
        server.answerAfter(latency);

        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "org-clock");
            thread.setDaemon(true);
            return thread;
        });
        // The org's clock (CreatedDate, LastModifiedDate) follows the wall clock, as the adapter's index-lag window expects.
        ticks.scheduleAtFixedRate(() -> {
            Duration behind = Duration.between(clock.instant(), Instant.now());
            if (!behind.isNegative()) {
                clock.advance(behind);
            }
        }, 5, 5, TimeUnit.MILLISECONDS);
        if (!indexLag.isZero()) {
            ticks.scheduleAtFixedRate(org::catchUpSearchIndex, indexLag.toMillis(), indexLag.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        DisposableServer control = HttpServer.create().host("127.0.0.1").port(controlPort)
                .route(routes -> routes
                        .get("/ready", (request, response) -> response.sendString(Mono.just("ready")))
                        .get("/calls", (request, response) -> json(response, calls::json))
                        .get("/holdings", (request, response) -> json(response, () -> holdings(org))))
                .bindNow();
        return new Running(org, server, control, ticks, latency, indexLag);
    }

    private static reactor.netty.NettyOutbound json(reactor.netty.http.server.HttpServerResponse response,
                                                    Supplier<ObjectNode> body) {
        return response.header("Content-Type", "application/json")
                .sendString(Mono.fromCallable(() -> Http.JSON.writeValueAsString(body.get())));
    }

    /**
     * The org's content: users Alice, Bob and Carl (East: Alice and Carl; West: Bob), and every known customer's
     * record, its phone written as Salesforce's US UI stores it ({@code (555) 300-0000}). Contacts, accounts and
     * opportunities cannot belong to a queue in Salesforce, so the third owner is Carl for them and the East queue for
     * leads.
     */
    static CrmFixture fixture(Map<Block, Integer> customersPerBlock) {
        List<CrmFixture.FixtureRecord> records = new ArrayList<>();
        for (KnownCustomer c : Population.knownCustomers(customersPerBlock)) {
            String key = "BENCH" + c.block().digit + String.format("%06d", c.index()) + "AAA";
            String owner = switch (c.owner()) {
                case 0 -> ALICE;
                case 1 -> BOB;
                default -> c.type() == RecordType.LEAD ? EAST : CARL;
            };
            String phone = usFormat(c.phone());
            switch (c.type()) {
                case LEAD -> records.add(record(RecordType.LEAD, "00Q" + key, "Prospect " + c.suffix(), owner,
                        Map.of("mobile", phone), null));
                case ACCOUNT -> records.add(record(RecordType.ACCOUNT, "001" + key, "Company " + c.suffix(), owner,
                        Map.of("business", phone), null));
                default -> {
                    records.add(record(RecordType.CONTACT, "003" + key, "Customer " + c.suffix(), owner,
                            Map.of("mobile", phone), null));
                    if (c.withOpportunity()) {
                        records.add(record(RecordType.OPPORTUNITY, "006" + key, "Renewal " + c.suffix(), owner,
                                Map.of(), "003" + key));
                    }
                }
            }
        }
        return new CrmFixture(
                List.of(new CrmFixture.User(ALICE, "Alice Seller", List.of(EAST), true),
                        new CrmFixture.User(BOB, "Bob Seller", List.of(WEST), true),
                        new CrmFixture.User(CARL, "Carl Junior", List.of(EAST), false)),
                List.of(new CrmFixture.Team(EAST, "East sales"), new CrmFixture.Team(WEST, "West sales")),
                records);
    }

    private static CrmFixture.FixtureRecord record(RecordType type, String id, String name, String owner,
                                                   Map<String, String> phones, String contact) {
        return new CrmFixture.FixtureRecord(type, id, name, owner, true, SEEDED_AT, phones, contact, null);
    }

    /** +15553000123 as (555) 300-0123. */
    static String usFormat(String e164) {
        String n = e164.substring(2);
        return "(" + n.substring(0, 3) + ") " + n.substring(3, 6) + "-" + n.substring(6);
    }

    /**
     * The connector's settings for this org: the adapter's keys, the notification type the org holds, and the
     * business numbers and lead owner of application.yml with the org's ids (Alice's, the East queue's, Bob's).
     */
    static String connectorProperties(URI orgUrl) {
        return """
                # Written by the Salesforce stand-in (benchmarks/run --crm salesforce)
                textbridge.crm.type=salesforce
                textbridge.crm.salesforce.my-domain-url=%s
                textbridge.crm.salesforce.client-id=%s
                textbridge.crm.salesforce.client-secret=%s
                textbridge.crm.salesforce.notification-type=%s
                textbridge.routing.default-lead-owner=%s
                textbridge.numbers[0].number=%s
                textbridge.numbers[0].provider=twilio
                textbridge.numbers[0].seller=%s
                textbridge.numbers[1].number=%s
                textbridge.numbers[1].provider=twilio
                textbridge.numbers[1].team=%s
                textbridge.numbers[2].number=%s
                textbridge.numbers[2].provider=twilio
                textbridge.numbers[2].seller=%s
                """.formatted(orgUrl, FakeOrg.CLIENT_ID, FakeOrg.CLIENT_SECRET, FakeOrg.NOTIFICATION_TYPE, ALICE,
                Population.BUSINESS_NUMBERS.get(0), ALICE, Population.BUSINESS_NUMBERS.get(1), EAST,
                Population.BUSINESS_NUMBERS.get(2), BOB);
    }

    /** What the org holds that the harness checks: Tasks per message sid, SMS leads per number. */
    static ObjectNode holdings(FakeOrg org) {
        Map<String, Integer> activities = new TreeMap<>();
        Map<String, Integer> leads = new TreeMap<>();
        // The org serves calls under its own monitor; holding it reads a consistent picture.
        synchronized (org) {
            for (FakeOrg.Row task : org.rows("Task")) {
                String key = task.get(FakeOrg.KEY_FIELD);
                if (key != null && key.startsWith("twilio:")) {
                    activities.merge(key.substring("twilio:".length()), 1, Integer::sum);
                }
            }
            for (FakeOrg.Row lead : org.rows("Lead")) {
                if ("SMS".equals(lead.get("LeadSource"))) {
                    for (String field : List.of("MobilePhone", "Phone")) {
                        String phone = lead.get(field);
                        if (phone != null) {
                            leads.merge(e164(phone), 1, Integer::sum);
                            break;
                        }
                    }
                }
            }
        }
        ObjectNode out = Http.JSON.createObjectNode();
        ObjectNode a = out.putObject("activities");
        activities.forEach(a::put);
        ObjectNode l = out.putObject("leads");
        leads.forEach(l::put);
        return out;
    }

    /** A North American number as E.164, whichever way it is written (the population is all +1). */
    static String e164(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return "+" + (digits.length() == 10 ? "1" + digits : digits);
    }
}
