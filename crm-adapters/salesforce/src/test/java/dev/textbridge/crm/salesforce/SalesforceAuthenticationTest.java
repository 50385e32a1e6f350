package dev.textbridge.crm.salesforce;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.fakeorg.FakeOrg;
import dev.textbridge.crm.salesforce.internal.PemPrivateKey;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OAuth 2.0 against the org's My Domain, the token driving the Partner API, and its renewal. */
class SalesforceAuthenticationTest {

    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");

    private OrgUnderTest org;

    @AfterEach
    void stop() {
        if (org != null) {
            org.close();
        }
    }

    @Test
    void theClientCredentialsFlowFetchesOneTokenAtTheMyDomainForEveryCall() {
        org = OrgUnderTest.holding(CrmFixture.standard());

        org.crm.findUsers(Set.of("U-ALICE"));
        org.crm.findTeams(Set.of("T-EAST"));

        assertThat(org.server.tokenRequests()).singleElement().satisfies(request -> {
            assertThat(request.getUrl()).isEqualTo("/services/oauth2/token");
            assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "client_credentials",
                    "client_id", FakeOrg.CLIENT_ID, "client_secret", FakeOrg.CLIENT_SECRET));
        });
        assertThat(org.server.soapRequests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getUrl()).isEqualTo("/services/Soap/u/65.0");
            assertThat(request.getBodyAsString()).contains("<sessionId>00DFAKE000000001!AQ-token-1</sessionId>");
        });
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheSameBatchIsWrittenWhole() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        org.crm.findUsers(Set.of("U-ALICE"));
        org.org.expireSessions();

        List<ActivityWriteResult> written = org.crm.writeActivities(drafts("twilio:SMa", "twilio:SMb", "twilio:SMc"));

        assertThat(written).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        assertThat(org.crm.tokenRequests()).isEqualTo(2);
        assertThat(org.org.operations()).filteredOn(op -> op.startsWith("create"))
                .as("the rejected call is repeated as it was").containsExactly("create: 3 Task", "create: 3 Task");
        assertThat(org.activitiesOn(C_1)).hasSize(3);
        assertThat(org.server.soapRequests().get(org.server.soapRequests().size() - 1).getBodyAsString())
                .contains("AQ-token-2");
    }

    @Test
    void aSessionRejectedAgainAfterRenewalMakesTheCrmUnavailableWithoutShowingTheToken() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        org.org.faultNextCall("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session");
        org.org.faultNextCall("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session");

        String output = capturingOutput(() -> assertThatThrownBy(() -> org.crm.findTeams(Set.of("T-EAST")))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("INVALID_SESSION_ID")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AQ-token")));

        assertThat(org.crm.tokenRequests()).as("renewed once, not in a loop").isEqualTo(2);
        assertThat(output).as("the renewal is logged, the token is not").contains("rejected the session")
                .doesNotContain("AQ-token").doesNotContain(FakeOrg.CLIENT_SECRET);
    }

    @Test
    void aRefusedClientSecretIsNamedAsSuchButNeverShown() {
        org = OrgUnderTest.holding(CrmFixture.standard(), settings -> SalesforceSettings.clientCredentials(
                settings.myDomainUrl(), FakeOrg.CLIENT_ID, "wrong-secret-123"));

        String output = capturingOutput(() -> assertThatThrownBy(() -> org.crm.findUsers(Set.of("U-ALICE")))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("invalid_client")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-123")));

        assertThat(output).doesNotContain("wrong-secret-123");
        assertThat(org.crm.settings().toString()).doesNotContain("wrong-secret-123").contains("clientSecret=****");
    }

    @Test
    void theJwtBearerFlowSendsAnRs256AssertionForTheUserToTheLoginHost() throws Exception {
        KeyPair keys = rsaKeys();
        String pem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        org = OrgUnderTest.holding(CrmFixture.standard(), settings -> SalesforceSettings.jwtBearer(
                settings.myDomainUrl(), FakeOrg.CLIENT_ID, "integration@acme.example", pem));

        assertThat(org.crm.findUsers(Set.of("U-ALICE"))).containsOnlyKeys("U-ALICE");

        Map<String, String> form = form(org.server.tokenRequests().get(0));
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signature").isTrue();
        JsonNode header = json(jwt[0]);
        JsonNode claims = json(jwt[1]);
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(claims.path("iss").asString()).isEqualTo(FakeOrg.CLIENT_ID);
        assertThat(claims.path("sub").asString()).isEqualTo("integration@acme.example");
        assertThat(claims.path("aud").asString()).isEqualTo("https://login.salesforce.com");
        assertThat(claims.path("exp").asLong()).isBetween(OrgUnderTest.NOW.getEpochSecond() + 1,
                OrgUnderTest.NOW.getEpochSecond() + 300);
        assertThat(org.crm.settings().toString()).doesNotContain(pem.substring(40, 80));
    }

    @Test
    void aPkcs1PemKeyReadsAsTheSameKeyAsItsPkcs8Form() throws Exception {
        KeyPair keys = rsaKeys();
        byte[] pkcs8 = keys.getPrivate().getEncoded();

        assertThat(PemPrivateKey.parse(pem("RSA PRIVATE KEY", pkcs1Of(pkcs8))).getEncoded()).isEqualTo(pkcs8);
        assertThat(PemPrivateKey.parse(pem("PRIVATE KEY", pkcs8)).getEncoded()).isEqualTo(pkcs8);
        assertThatThrownBy(() -> PemPrivateKey.parse("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
                .hasMessageContaining("unencrypted RSA key");
    }

    @Test
    void theSandboxLoginHostIsTheAudienceForASandboxMyDomain() {
        SalesforceSettings sandbox = SalesforceSettings.jwtBearer(
                java.net.URI.create("https://acme--uat.sandbox.my.salesforce.com"), "id", "user", "pem");
        SalesforceSettings production = SalesforceSettings.jwtBearer(
                java.net.URI.create("https://acme.my.salesforce.com"), "id", "user", "pem");

        assertThat(sandbox.effectiveJwtAudience()).isEqualTo("https://test.salesforce.com");
        assertThat(production.effectiveJwtAudience()).isEqualTo("https://login.salesforce.com");
        assertThat(production.withJwtAudience("https://acme.my.salesforce.com").effectiveJwtAudience())
                .isEqualTo("https://acme.my.salesforce.com");
    }

    private static List<ActivityDraft> drafts(String... keys) {
        PhoneNumber dana = PhoneNumber.parse("+15550100200", "US");
        return Arrays.stream(keys).map(key -> SalesforceCallBudgetTest.inbound(key, C_1, dana)).toList();
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static JsonNode json(String base64url) {
        return JsonMapper.shared().readTree(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
    }

    static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its third element, an OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at);
        int versionLength = header(pkcs8, at);
        at[0] += versionLength;
        int algorithmLength = header(pkcs8, at);
        at[0] += algorithmLength;
        int keyLength = header(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + keyLength);
    }

    private static int header(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    /** What the action logged (and printed); shown again on the real error stream. */
    static String capturingOutput(Runnable action) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
        try {
            action.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        err.print(text);
        return text;
    }
}
