package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityMove;
import dev.textbridge.crm.api.ActivityMoveResult;
import dev.textbridge.crm.api.ActivityUpdate;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.internal.ActivityMover;
import dev.textbridge.crm.salesforce.internal.ActivityWriter;
import dev.textbridge.crm.salesforce.internal.CallCounter;
import dev.textbridge.crm.salesforce.internal.CandidateSearch;
import dev.textbridge.crm.salesforce.internal.CompositeQueries;
import dev.textbridge.crm.salesforce.internal.LeadWriter;
import dev.textbridge.crm.salesforce.internal.NotificationSender;
import dev.textbridge.crm.salesforce.internal.OrgInspector;
import dev.textbridge.crm.salesforce.internal.PartnerClient;
import dev.textbridge.crm.salesforce.internal.RecentLeads;
import dev.textbridge.crm.salesforce.internal.RecordLookup;
import dev.textbridge.crm.salesforce.internal.RelatedRecords;
import dev.textbridge.crm.salesforce.internal.ConsentWriter;
import dev.textbridge.crm.api.ConsentChange;
import dev.textbridge.crm.salesforce.internal.RecordSearch;
import dev.textbridge.crm.salesforce.internal.RestClient;
import dev.textbridge.crm.salesforce.internal.Session;
import dev.textbridge.crm.salesforce.internal.TokenEndpoint;
import dev.textbridge.crm.salesforce.internal.TokenGrant;
import dev.textbridge.crm.salesforce.internal.UserDirectory;
import dev.textbridge.mappings.model.PhoneNumber;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link CrmAdapter} over a Salesforce org: an OAuth 2.0 token (client credentials or JWT bearer) drives the
 * Partner SOAP API through salesforce-wsc; notifications, which SOAP cannot send, go through the REST API with the
 * same token.
 * <p>
 * Texts are written as {@link SalesforceSettings#activityMapping()} says: by default a completed Task (the shipped
 * mapping), or the custom fields or custom object an admin maps.
 * <p>
 * What an org needs (the setup kit defines it): the unique external-id text field {@code Textbridge_Key__c} on Lead
 * and, for the default mapping, on Activity, which makes lead creation and activity writes idempotent; the Activity
 * text fields {@code Textbridge_Delivery_Status__c} and {@code Textbridge_Failure_Reason__c}; and the sellers' permission set
 * named in {@link SalesforceSettings#smsPermissionSet()}; for notifications, the custom notification type named in
 * {@link SalesforceSettings#notificationType()} and the integration user's "Send Custom Notifications" permission.
 * <p>
 * Record search ({@link #searchRecords}) runs one SOQL {@code Name LIKE '%...%'} per type asked for, since SOSL
 * matches words, not parts of names. Moving activities ({@link #moveActivities}) links each activity to its target
 * alone (for a Task {@code WhoId} for a contact or lead, {@code WhatId} for an account or opportunity, the other
 * cleared; for a custom object the target's lookup set, the others cleared). Notifications
 * ({@link #sendNotifications}) without a target carry Salesforce's placeholder target id; without a notification type
 * configured they are dropped with one warning, since they are never worth failing a text.
 * <p>
 * Thread-safe; the token is fetched on first use and renewed once, transparently, when Salesforce rejects it.
 */
public final class SalesforceCrm implements CrmAdapter {

    /** The value of {@code textbridge.crm.type} that selects this adapter. */
    public static final String TYPE = "salesforce";

    /** API requests used and allowed in the org's rolling 24 hours, as Salesforce last reported them. */
    public record ApiUsage(long used, long limit) {
    }

    private final SalesforceSettings settings;
    private final CallCounter calls = new CallCounter();
    private final CandidateSearch candidates;
    private final RecordLookup records;
    private final RelatedRecords related;
    private final ConsentWriter consent;
    private final ActivityWriter activities;
    private final UserDirectory directory;
    private final RecordSearch search;
    private final ActivityMover mover;
    private final NotificationSender notifier;
    private final OrgInspector inspector;

    public SalesforceCrm(SalesforceSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time the index-lag window is measured from, and JWT assertions are dated with */
    public SalesforceCrm(SalesforceSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        TokenEndpoint tokens = new TokenEndpoint(http, settings.myDomainUrl(), TokenGrant.of(settings, clock),
                settings.timeout(), calls);
        Session session = new Session(tokens::fetch);
        PartnerClient partner = new PartnerClient(session, http, settings.apiVersion(), settings.timeout(), calls);
        RestClient rest = new RestClient(session, http, settings.apiVersion(), settings.timeout(), calls);
        RecentLeads recentLeads = new RecentLeads();
        this.candidates = new CandidateSearch(partner, new CompositeQueries(rest), settings.phoneFields(), settings.defaultRegion(),
                settings.closedLeadStatuses(), settings.indexLagWindow(), recentLeads, clock);
        this.records = new RecordLookup(partner, settings.closedLeadStatuses(), settings.phoneFields(),
                settings.defaultRegion());
        this.related = new RelatedRecords(partner);
        this.consent = new ConsentWriter(partner, settings.consentField(), settings.consentChangedField());
        this.activities = new ActivityWriter(partner, settings.activityMapping(),
                new LeadWriter(partner, recentLeads, clock));
        this.directory = new UserDirectory(partner, settings.smsPermissionSet());
        this.search = new RecordSearch(partner, records);
        this.mover = new ActivityMover(partner, settings.activityMapping());
        this.notifier = new NotificationSender(partner, rest, settings.notificationType(), clock);
        this.inspector = new OrgInspector(session, partner, rest, calls, settings);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<PhoneNumber, List<CandidateRecord>> findCandidates(Set<PhoneNumber> numbers) {
        return numbers.isEmpty() ? Map.of() : candidates.find(numbers);
    }

    @Override
    public Map<RecordRef, CrmRecord> findRecords(Set<RecordRef> refs) {
        return refs.isEmpty() ? Map.of() : records.find(refs);
    }

    @Override
    public Map<RecordRef, List<CrmRecord>> findRelatedRecords(Set<RecordRef> refs) {
        return refs.isEmpty() ? Map.of() : related.find(refs);
    }

    @Override
    public void recordConsent(List<ConsentChange> changes) {
        if (!changes.isEmpty()) {
            consent.write(changes);
        }
    }

    /**
     * Writes the drafts 200 records a call, the leads they name in the same call as their activities (the activity
     * refers to its lead by the lead's external id): a text from a new customer costs one call like a known
     * customer's. Idempotent by the keys of leads and activities, so a repeated batch doubles nothing; a lead
     * Salesforce refuses fails its drafts with its reason, not the whole batch.
     */
    @Override
    public List<ActivityWriteResult> writeActivities(List<ActivityDraft> drafts) {
        return drafts.isEmpty() ? List.of() : activities.write(drafts);
    }

    @Override
    public void updateActivities(List<ActivityUpdate> updates) {
        if (!updates.isEmpty()) {
            activities.update(updates);
        }
    }

    @Override
    public Map<String, CrmUser> findUsers(Set<String> userIds) {
        return userIds.isEmpty() ? Map.of() : directory.findUsers(userIds);
    }

    @Override
    public Map<String, CrmTeam> findTeams(Set<String> teamIds) {
        return teamIds.isEmpty() ? Map.of() : directory.findTeams(teamIds);
    }

    /**
     * One SOQL per type asked for ({@code Name LIKE}, case-insensitive, {@code %}, {@code _}, quotes and backslashes
     * escaped), ranked: equal names, then names starting with the query, then names with a word starting with it. A
     * blank query, or one longer than any name can be, answers nothing without a call.
     */
    @Override
    public List<CrmRecord> searchRecords(String query, Set<RecordType> types, int limit) {
        return search.search(query, types, limit);
    }

    @Override
    public List<ActivityMoveResult> moveActivities(List<ActivityMove> moves) {
        return moves.isEmpty() ? List.of() : mover.move(moves);
    }

    @Override
    public void sendNotifications(List<Notification> notifications) {
        if (!notifications.isEmpty()) {
            notifier.send(notifications);
        }
    }

    /**
     * Checks that the org has what the connector needs and says in plain words what is missing: the login works; the
     * objects and fields the adapter reads and writes exist and the integration user may read, create, change and
     * search them as needed (one {@code describeSObjects} call); the custom notification type exists (a REST query on
     * {@code CustomNotificationType}); the sellers' permission set exists. Costs three API calls (one more per object
     * the integration user cannot see); never throws for what it finds, a failure of the org included.
     */
    public OrgCheck checkOrg() {
        return inspector.check();
    }

    /** The settings this adapter runs with (secrets masked in their {@code toString}). */
    public SalesforceSettings settings() {
        return settings;
    }

    /**
     * API calls made so far, SOAP and REST (each {@code queryMore} page and each retry counts); token requests are not
     * included.
     */
    public long apiCalls() {
        return calls.apiCalls();
    }

    /** OAuth token requests made so far. */
    public long tokenRequests() {
        return calls.tokenRequests();
    }

    /** The org's API usage from the last response that reported it; empty before the first call. */
    public Optional<ApiUsage> apiUsage() {
        CallCounter.Usage usage = calls.usage();
        return usage == null ? Optional.empty() : Optional.of(new ApiUsage(usage.used(), usage.limit()));
    }

    @Override
    public String toString() {
        return "SalesforceCrm[" + settings.myDomainUrl() + "]";
    }
}
