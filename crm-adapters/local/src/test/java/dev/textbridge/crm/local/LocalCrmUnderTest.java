package dev.textbridge.crm.local;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.WrittenActivity;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import tools.jackson.dataformat.yaml.YAMLMapper;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Local CRMs for tests: migrated over a given database, seeded with the contract fixture through the seed file. */
final class LocalCrmUnderTest {

    /** The time the tests' clock stands still at. */
    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private LocalCrmUnderTest() {
    }

    /** A migrated, empty local CRM. */
    static LocalCrm over(DataSource dataSource) {
        LocalCrm crm = new LocalCrm(dataSource, CrmFixture.REGION, CLOCK);
        crm.migrate();
        return crm;
    }

    static LocalCrm seededWith(DataSource dataSource, CrmFixture fixture) {
        LocalCrm crm = over(dataSource);
        crm.seedIfEmpty(seedOf(fixture));
        return crm;
    }

    static InputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The fixture written as the seed file an admin would write. */
    static InputStream seedOf(CrmFixture fixture) {
        Map<String, Object> seed = new LinkedHashMap<>();
        seed.put("users", fixture.users().stream().map(user -> Map.of(
                "id", user.id(), "name", user.name(), "teams", user.teams(), "sms-privilege", user.smsPrivilege()))
                .toList());
        seed.put("teams", fixture.teams().stream().map(team -> Map.of("id", team.id(), "name", team.name())).toList());
        seed.put("records", fixture.records().stream().map(LocalCrmUnderTest::seedRecord).toList());
        return new ByteArrayInputStream(YAMLMapper.shared().writeValueAsBytes(seed));
    }

    private static Map<String, Object> seedRecord(CrmFixture.FixtureRecord record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", record.type().wireName());
        entry.put("id", record.id());
        entry.put("name", record.name());
        entry.put("owner", record.owner());
        entry.put("active", record.active());
        entry.put("last-modified", record.lastModified().toString());
        entry.put("phones", record.phones());
        if (record.contact() != null) {
            entry.put("contact", record.contact());
        }
        if (record.account() != null) {
            entry.put("account", record.account());
        }
        return entry;
    }

    /** The lead the connector creates for a new customer, with the customer's first text; the lead's ref. */
    static RecordRef leadWithText(LocalCrm crm, NewLead lead) {
        ActivityDraft text = new ActivityDraft(lead.requestKey(), null, Direction.INBOUND, lead.phone(),
                PhoneNumber.parse("+1 555 010 0001", CrmFixture.REGION), "Hi", List.of(), NOW, "twilio",
                lead.requestKey().substring(lead.requestKey().indexOf(':') + 1), null, lead.ownerId(), lead);
        return crm.writeActivities(List.of(text)).get(0).lead().ref();
    }

    static List<WrittenActivity> writtenOn(CrmAdapter adapter, RecordRef record) {
        return ((LocalCrm) adapter).activities(record.id()).stream()
                .map(activity -> new WrittenActivity(activity.id(), activity.direction(), activity.body(),
                        activity.status(), activity.failureReason(), activity.owner()))
                .toList();
    }
}
