package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The leads the drafts of a batch name, written in the same {@code create()} call as their activities (see
 * {@link ActivityWriter}): LastName the name asked for, Company {@value #COMPANY}, LeadSource
 * {@value NewLead#LEAD_SOURCE}, MobilePhone the number, OwnerId the owner asked for, and the unique external id
 * {@link KeyField} set to the request key, which makes creation idempotent and lets the activity refer to its lead
 * before Salesforce has given the lead an id. Duplicate rules are told to allow the save: the connector creates a lead
 * only for a number no record carries.
 */
public final class LeadWriter {

    public static final String COMPANY = "Unknown (SMS)";
    static final int MAX_LAST_NAME = 80;

    private final PartnerClient partner;
    private final RecentLeads recentLeads;
    private final Clock clock;

    public LeadWriter(PartnerClient partner, RecentLeads recentLeads, Clock clock) {
        this.partner = partner;
        this.recentLeads = recentLeads;
        this.clock = clock;
    }

    /** The lead a request key has in Salesforce, or why it has none. */
    public record Outcome(CreatedLead lead, String refusal, boolean retryable) {
    }

    /** What a call that creates leads carries: duplicate rules allow the save. */
    static void allowDuplicates(PartnerConnection connection) {
        connection.setDuplicateRuleHeader(true, false, true);
    }

    /**
     * Records what Salesforce answered for one lead of a call: created, refused with its reason (retryable when the
     * reason may go away by itself: a lock, a limit), or already there ({@code DUPLICATE_VALUE} on the key: the key
     * goes to {@code existing}, for {@link #findExisting} once the calls are done).
     */
    void answered(NewLead lead, SaveResult result, Map<String, Outcome> outcomes, List<String> existing) {
        IError error = result.getErrors().length == 0 ? null : result.getErrors()[0];
        if (result.isSuccess()) {
            recentLeads.remember(result.getId(), lead.phone(), clock.instant());
            outcomes.put(lead.requestKey(), new Outcome(new CreatedLead(lead.requestKey(),
                    new RecordRef(RecordType.LEAD, result.getId()), lastName(lead)), null, false));
        } else if (error != null && KeyField.isDuplicateKey(error)) {
            existing.add(lead.requestKey());
        } else {
            String code = error == null ? "UNKNOWN" : KeyField.code(error);
            String message = error == null ? "no reason given" : error.getMessage()
                    + (error.getFields().length == 0 ? "" : " (" + String.join(", ", error.getFields()) + ")");
            outcomes.put(lead.requestKey(), new Outcome(null, "Salesforce refused the lead for "
                    + lead.requestKey() + ": " + code + ": " + message, ActivityWriter.RETRYABLE.contains(code)));
        }
    }

    /** The leads that already held these keys (a batch repeated), one query per 200 keys. */
    void findExisting(List<String> keys, Map<String, Outcome> outcomes) {
        for (List<String> chunk : Soql.chunks(keys, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, Name, " + KeyField.NAME + " FROM Lead WHERE " + KeyField.NAME + " IN "
                    + Soql.in(chunk);
            for (SObject lead : partner.query("find leads by key", soql)) {
                String key = Records.text(lead, KeyField.NAME);
                outcomes.put(key, new Outcome(new CreatedLead(key, new RecordRef(RecordType.LEAD, lead.getId()),
                        Records.text(lead, "Name")), null, false));
            }
        }
        for (String key : keys) {
            outcomes.putIfAbsent(key, new Outcome(null, "DUPLICATE_VALUE on " + KeyField.NAME
                    + " but no Lead visible with key " + key, true));
        }
    }

    static SObject toRecord(NewLead lead) {
        SObject record = new SObject("Lead");
        record.setField("LastName", lastName(lead));
        record.setField("Company", COMPANY);
        record.setField("LeadSource", NewLead.LEAD_SOURCE);
        record.setField("MobilePhone", lead.phone().value());
        record.setField("OwnerId", lead.ownerId());
        record.setField(KeyField.NAME, lead.requestKey());
        return record;
    }

    static String lastName(NewLead lead) {
        String name = lead.name().isBlank() ? "SMS " + lead.phone().value() : lead.name().strip();
        return name.length() > MAX_LAST_NAME ? name.substring(0, MAX_LAST_NAME) : name;
    }
}
