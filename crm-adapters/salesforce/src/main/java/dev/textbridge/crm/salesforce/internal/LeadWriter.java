package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.IError;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates leads 200 a call, idempotently by request key ({@link KeyField}): LastName the name asked for, Company
 * {@value #COMPANY}, LeadSource {@value NewLead#LEAD_SOURCE}, MobilePhone the number, OwnerId the owner asked for.
 * Duplicate rules are told to allow the save: the connector creates a lead only for a number no record carries.
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

    public List<CreatedLead> create(List<NewLead> leads) {
        Map<String, NewLead> byKey = new LinkedHashMap<>();
        leads.forEach(lead -> byKey.putIfAbsent(lead.requestKey(), lead));
        Map<String, CreatedLead> created = new LinkedHashMap<>();
        List<String> existing = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (List<NewLead> chunk : Soql.chunks(byKey.values(), 200)) {
            SObject[] records = chunk.stream().map(LeadWriter::toRecord).toArray(SObject[]::new);
            SaveResult[] results = partner.call("create leads",
                    connection -> connection.setDuplicateRuleHeader(true, false, true),
                    connection -> connection.create(records));
            for (int i = 0; i < results.length; i++) {
                NewLead lead = chunk.get(i);
                SaveResult result = results[i];
                if (result.isSuccess()) {
                    recentLeads.remember(result.getId(), clock.instant());
                    created.put(lead.requestKey(), new CreatedLead(lead.requestKey(),
                            new RecordRef(RecordType.LEAD, result.getId()), lastName(lead)));
                } else if (result.getErrors().length > 0 && KeyField.isDuplicateKey(result.getErrors()[0])) {
                    existing.add(lead.requestKey());
                } else {
                    IError error = result.getErrors().length == 0 ? null : result.getErrors()[0];
                    refused.add(lead.requestKey() + ": " + (error == null ? "no reason given"
                            : KeyField.code(error) + ": " + error.getMessage()));
                }
            }
        }
        if (!existing.isEmpty()) {
            findExisting(existing, created);
        }
        if (!refused.isEmpty()) {
            throw new CrmUnavailableException("Salesforce refused to create leads: " + String.join("; ", refused));
        }
        List<CreatedLead> answers = new ArrayList<>(leads.size());
        for (NewLead lead : leads) {
            CreatedLead answer = created.get(lead.requestKey());
            if (answer == null) {
                throw new CrmUnavailableException("the lead for " + lead.requestKey()
                        + " is neither created nor found by its key; retrying later");
            }
            answers.add(answer);
        }
        return answers;
    }

    private void findExisting(List<String> keys, Map<String, CreatedLead> created) {
        for (List<String> chunk : Soql.chunks(keys, Soql.IDS_PER_QUERY)) {
            String soql = "SELECT Id, Name, " + KeyField.NAME + " FROM Lead WHERE " + KeyField.NAME + " IN "
                    + Soql.in(chunk);
            for (SObject lead : partner.query("find leads by key", soql)) {
                String key = Records.text(lead, KeyField.NAME);
                created.put(key, new CreatedLead(key, new RecordRef(RecordType.LEAD, lead.getId()),
                        Records.text(lead, "Name")));
            }
        }
    }

    private static SObject toRecord(NewLead lead) {
        SObject record = new SObject("Lead");
        record.setField("LastName", lastName(lead));
        record.setField("Company", COMPANY);
        record.setField("LeadSource", NewLead.LEAD_SOURCE);
        record.setField("MobilePhone", lead.phone().value());
        record.setField("OwnerId", lead.ownerId());
        record.setField(KeyField.NAME, lead.requestKey());
        return record;
    }

    private static String lastName(NewLead lead) {
        String name = lead.name().isBlank() ? "SMS " + lead.phone().value() : lead.name().strip();
        return name.length() > MAX_LAST_NAME ? name.substring(0, MAX_LAST_NAME) : name;
    }
}
