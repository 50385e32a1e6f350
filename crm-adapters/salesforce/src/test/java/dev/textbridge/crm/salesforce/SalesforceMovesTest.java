package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.ActivityMoveResult;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moving activities: Tasks re-linked 200 a call, linked to the target alone, each failure its own. */
class SalesforceMovesTest {

    private static final RecordRef C_0 = new RecordRef(RecordType.CONTACT, "C-0");
    private static final RecordRef C_1 = new RecordRef(RecordType.CONTACT, "C-1");
    private static final RecordRef A_1 = new RecordRef(RecordType.ACCOUNT, "A-1");
    private static final RecordRef O_1 = new RecordRef(RecordType.OPPORTUNITY, "O-1");
    private static final RecordRef L_1 = new RecordRef(RecordType.LEAD, "L-1");
    private static final PhoneNumber DANA = PhoneNumber.parse("+15550100200", "US");

    @AutoClose
    private OrgUnderTest org;

    @Test
    void fourHundredFiftyMovesTakeThreeUpdateCallsAfterOneReadOfTasksAndOneOfTargets() {
        org = OrgUnderTest.holding(SalesforceCallBudgetTest.fiftyCustomers());
        RecordRef target = new RecordRef(RecordType.CONTACT, "C-1");
        List<String> activities = write(450, C_0);

        long before = org.crm.apiCalls();
        List<ActivityMoveResult> results = org.crm.moveActivities(
                activities.stream().map(id -> new ActivityMove(id, target)).toList());

        assertThat(results).hasSize(450).allSatisfy(result -> assertThat(result.isMoved()).isTrue());
        assertThat(results).extracting(ActivityMoveResult::activityId).containsExactlyElementsOf(activities);
        assertThat(org.org.operations()).filteredOn(op -> op.startsWith("update"))
                .containsExactly("update: 200 Task", "update: 200 Task", "update: 50 Task");
        assertThat(org.crm.apiCalls() - before).isEqualTo(5);
        assertThat(org.activitiesOn(target)).hasSize(450);
        assertThat(org.activitiesOn(C_0)).isEmpty();
    }

    @Test
    void aMovedTaskIsLinkedToItsTargetAloneAndMovingItWhereItIsWritesNothing() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        String activity = write(1, C_1).get(0);

        org.crm.moveActivities(List.of(new ActivityMove(activity, O_1)));
        assertThat(org.org.record(activity)).containsEntry("WhatId", "O-1").doesNotContainKey("WhoId");

        org.crm.moveActivities(List.of(new ActivityMove(activity, L_1)));
        assertThat(org.org.record(activity)).containsEntry("WhoId", "L-1").doesNotContainKey("WhatId");

        long updates = updates();
        assertThat(org.crm.moveActivities(List.of(new ActivityMove(activity, L_1))))
                .singleElement().satisfies(result -> assertThat(result.isMoved()).isTrue());
        assertThat(updates()).as("already there: no update").isEqualTo(updates);
    }

    @Test
    void anActivityMovedTwiceInOneBatchEndsAtTheLastTargetInOneWrite() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        String activity = write(1, C_1).get(0);

        List<ActivityMoveResult> results = org.crm.moveActivities(List.of(
                new ActivityMove(activity, A_1), new ActivityMove(activity, O_1)));

        assertThat(results).extracting(ActivityMoveResult::isMoved).containsExactly(true, true);
        assertThat(org.org.operations()).filteredOn(op -> op.startsWith("update")).containsExactly("update: 1 Task");
        assertThat(org.activitiesOn(O_1)).hasSize(1);
        assertThat(org.activitiesOn(A_1)).isEmpty();
    }

    @Test
    void aTaskAskedForByItsFifteenCharacterIdMoves() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        String activity = write(1, C_1).get(0);

        assertThat(org.crm.moveActivities(List.of(new ActivityMove(activity.substring(0, 15), A_1))))
                .singleElement().satisfies(result -> {
                    assertThat(result.isMoved()).isTrue();
                    assertThat(result.activityId()).isEqualTo(activity.substring(0, 15));
                });
        assertThat(org.activitiesOn(A_1)).hasSize(1);
    }

    @Test
    void aRecordErrorFailsThatMoveWithSalesforcesStatusCodeAndTheRestMove() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        List<String> activities = write(2, C_1);
        org.org.answerNextCallOf("update", "<updateResponse>"
                + "<result><id>" + activities.get(0) + "</id><success>true</success></result>"
                + "<result><errors><message>unable to obtain exclusive access to this record</message>"
                + "<statusCode>UNABLE_TO_LOCK_ROW</statusCode></errors><id xsi:nil=\"true\"/>"
                + "<success>false</success></result></updateResponse>");

        List<ActivityMoveResult> results = org.crm.moveActivities(List.of(
                new ActivityMove(activities.get(0), A_1), new ActivityMove(activities.get(1), A_1)));

        assertThat(results.get(0).isMoved()).isTrue();
        assertThat(results.get(1).error())
                .isEqualTo("UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record");
    }

    @Test
    void aTargetOfAnotherTypeOrAConvertedLeadIsNoTarget() {
        org = OrgUnderTest.holding(CrmFixture.standard());
        String activity = write(1, C_1).get(0);
        String converted = org.org.createdInUi("Lead", "Name", "Gone", "OwnerId", "U-BOB", "IsConverted", "true")
                .get("Id");

        List<ActivityMoveResult> results = org.crm.moveActivities(List.of(
                new ActivityMove(activity, new RecordRef(RecordType.LEAD, "C-2")),
                new ActivityMove(activity, new RecordRef(RecordType.LEAD, converted))));

        assertThat(results).allSatisfy(result -> assertThat(result.error())
                .startsWith("INVALID_CROSS_REFERENCE_KEY"));
        assertThat(org.activitiesOn(C_1)).hasSize(1);
        assertThat(org.org.operations()).noneMatch(op -> op.startsWith("update"));
    }

    @Test
    void anOutageBeforeAnyUpdateThrowsAndOneAfterFailsOnlyTheMovesNotWritten() {
        org = OrgUnderTest.holding(SalesforceCallBudgetTest.fiftyCustomers());
        List<String> activities = write(250, C_0);
        List<ActivityMove> moves = activities.stream().map(id -> new ActivityMove(id, C_1)).toList();

        org.org.failNextCallOf("update", 503, "text/html", "<html>Service Unavailable</html>");
        assertThatThrownBy(() -> org.crm.moveActivities(moves)).isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(org.activitiesOn(C_0)).hasSize(250);

        org.org.answerNextCallOf("update", updatedAll(activities.subList(0, 200)));
        org.org.failNextCallOf("update", 503, "text/html", "<html>Service Unavailable</html>");
        List<ActivityMoveResult> results = org.crm.moveActivities(moves);

        assertThat(results.subList(0, 200)).allSatisfy(result -> assertThat(result.isMoved()).isTrue());
        assertThat(results.subList(200, 250)).allSatisfy(result -> assertThat(result.error())
                .startsWith("not moved, Salesforce unavailable").contains("HTTP 503"));
    }

    private List<String> write(int count, RecordRef record) {
        List<ActivityDraft> drafts = IntStream.range(0, count)
                .mapToObj(i -> SalesforceCallBudgetTest.inbound("twilio:SM" + i, record, DANA)).toList();
        List<ActivityWriteResult> written = org.crm.writeActivities(drafts);
        assertThat(written).allSatisfy(result -> assertThat(result.isWritten()).isTrue());
        return written.stream().map(ActivityWriteResult::activityId).toList();
    }

    private long updates() {
        return org.org.operations().stream().filter(op -> op.startsWith("update")).count();
    }

    private static String updatedAll(List<String> ids) {
        StringBuilder body = new StringBuilder("<updateResponse>");
        ids.forEach(id -> body.append("<result><id>").append(id).append("</id><success>true</success></result>"));
        return body.append("</updateResponse>").toString();
    }
}
