package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.internal.Soql;
import dev.textbridge.crm.salesforce.internal.Sosl;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything that goes into SOSL or SOQL is escaped; bodies and keys survive the trip exactly. */
class SalesforceEscapingTest {

    @Test
    void everyReservedSoslCharacterIsEscapedWithABackslash() {
        assertThat(Sosl.escape("?&|!{}[]()^~*:\\\"'+-"))
                .isEqualTo("\\?\\&\\|\\!\\{\\}\\[\\]\\(\\)\\^\\~\\*\\:\\\\\\\"\\'\\+\\-");
        assertThat(Sosl.escape("+15550100200")).isEqualTo("\\+15550100200");
        assertThat(Sosl.phoneSearch(List.of("a}b", "c{d\\"), "Contact(Id)"))
                .isEqualTo("FIND {a\\}b OR c\\{d\\\\} IN PHONE FIELDS RETURNING Contact(Id) LIMIT 2000");
    }

    @Test
    void soqlStringLiteralsEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(Soql.quote("O'Brien \\ \"x\"\n\t")).isEqualTo("'O\\'Brien \\\\ \\\"x\\\"\\n\\t'");
        assertThat(Soql.in(List.of("a'b", "c"))).isEqualTo("('a\\'b', 'c')");
        assertThat(Soql.likeContaining("50%_off'")).isEqualTo("'%50\\%\\_off\\'%'");
    }

    @Test
    void aKeyWithQuotesBackslashesAndBracesStillMakesOneLead() {
        PhoneNumber number = PhoneNumber.parse("+15550100999", "US");
        NewLead lead = new NewLead("web:O'Brien\\{1} \"x\"", number, "U-ALICE", "Brace {Quote} O'Brien");
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            CreatedLead first = org.leadWithText(lead);
            CreatedLead again = org.leadWithText(lead);

            assertThat(again.ref()).isEqualTo(first.ref());
            assertThat(again.name()).isEqualTo("Brace {Quote} O'Brien");
            assertThat(org.org.rows("Lead")).filteredOn(row -> number.value().equals(row.get("MobilePhone"))).hasSize(1);
            assertThat(org.org.operations()).anySatisfy(op ->
                    assertThat(op).contains("Textbridge_Key__c IN ('web:O\\'Brien\\\\{1} \\\"x\\\"')"));
        }
    }

    @Test
    void aBodyWithMarkupQuotesBracesAndBackslashesIsStoredExactly() {
        String body = "<b>50% off</b> & \"quotes\" 'single' {braces} [brackets] back\\slash \u0007bell";
        RecordRef contact = new RecordRef(RecordType.CONTACT, "C-1");
        try (OrgUnderTest org = OrgUnderTest.holding(CrmFixture.standard())) {
            ActivityWriteResult result = org.crm.writeActivities(List.of(new dev.textbridge.crm.api.ActivityDraft(
                    "twilio:SM1", contact, dev.textbridge.mappings.model.Direction.INBOUND,
                    PhoneNumber.parse("+15550100200", "US"), PhoneNumber.parse("+15550100001", "US"), body, List.of(),
                    OrgUnderTest.NOW, "twilio", "SM1", null))).get(0);

            assertThat(org.org.record(result.activityId()).get("Description"))
                    .as("XML cannot carry the bell character; everything else arrives as sent")
                    .isEqualTo(body.replace("\u0007", ""));
            assertThat(org.org.record(result.activityId()).get("Subject")).isEqualTo("Inbound SMS from +15550100200");
        }
    }
}
