package dev.textbridge.crm.api;

import dev.textbridge.mappings.model.PhoneNumber;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the connector asks of a CRM, batch-first: each method takes the whole batch so that an adapter can
 * answer a burst of texts in a few API calls.
 * <p>
 * Every method either completes or throws {@link CrmUnavailableException}; the per-item outcomes of writes are
 * reported in their results. Writes are idempotent by the keys their inputs carry, so the connector may repeat a
 * batch after a crash or an outage without doubling anything. Implementations are thread-safe.
 */
public interface CrmAdapter {

    /** The adapter's name as configured in {@code textbridge.crm.type}, e.g. {@code local}. */
    String type();

    /**
     * The records of all four types that carry each number in a phone field the mapping names. An opportunity is a
     * candidate through its contact and its account. Free-text phone values are normalised before they count, and a
     * value with an extension matches without it. A record is a candidate once per number, even when several of its
     * fields (or its contact and its account) carry it; {@link CandidateRecord#phoneField()} names one of them.
     *
     * @return for each requested number, its candidates (an empty list when none); never null
     */
    Map<PhoneNumber, List<CandidateRecord>> findCandidates(Set<PhoneNumber> numbers);

    /**
     * The records that exist among the refs, as {@link #findCandidates} would describe them, with all their phone
     * fields ({@link CrmRecord#phones()}), whatever those hold: routing weighs the records conversations were moved to, and the seller screens show them. A ref
     * whose id belongs to a record of another type does not exist. One call for the whole set; the adapter splits it
     * at the CRM's limits.
     *
     * @return the existing records by ref; refs to records that do not exist are absent; never null
     */
    Map<RecordRef, CrmRecord> findRecords(Set<RecordRef> refs);

    /**
     * The records tied to each record, for a seller moving between one customer's conversations: a contact's and an
     * account's opportunities, an opportunity's contacts and its account; a lead has none. Related records are
     * described as {@link #searchRecords} describes them (without phones), in a stable order (by name).
     *
     * @return for each ref that exists, its related records (an empty list when none); absent refs do not exist
     */
    Map<RecordRef, List<CrmRecord>> findRelatedRecords(Set<RecordRef> refs);

    /**
     * Writes text-message activities, idempotently by {@link ActivityDraft#externalKey()}, and creates the leads they
     * go on, in one call: a text from a customer no record carries costs no more than one from a known customer.
     * <p>
     * A draft on a new lead ({@link ActivityDraft#newLead()}) goes on the lead created for its
     * {@link NewLead#requestKey()}; a key already used answers the lead created first. So drafts naming the same key
     * share one lead, and a batch repeated after a crash, whatever part of it took effect, creates neither a second
     * lead nor a second activity. Each lead is one the CRM accepts and an admin recognises as coming from a text: the
     * number in its mobile phone field, its lead source set to {@value NewLead#LEAD_SOURCE}, and every field the CRM
     * requires that a text cannot fill given a placeholder (a company of {@code Unknown (SMS)}, for instance). The
     * result of a written draft on a new lead names the lead ({@link ActivityWriteResult#lead()}).
     * <p>
     * Failures are per draft: a draft on a record that does not exist, or on a lead the CRM refused (failed with the
     * lead's reason, retryable as that reason is), fails alone while the rest of the batch is written. An adapter whose
     * CRM takes records of several types in one request (a lead and the activities regarding it, the activities
     * naming the lead by its request key) sends them together; the local CRM writes them in one transaction.
     *
     * @return one result per draft, in the order of the input
     */
    List<ActivityWriteResult> writeActivities(List<ActivityDraft> drafts);

    /** Records new delivery states on activities already written. */
    void updateActivities(List<ActivityUpdate> updates);

    /** The users among the given ids that the CRM knows; unknown ids are absent from the result. */
    Map<String, CrmUser> findUsers(Set<String> userIds);

    /** The teams among the given ids that the CRM knows, with their members; unknown ids are absent. */
    Map<String, CrmTeam> findTeams(Set<String> teamIds);

    /**
     * Records whose name contains the query (case-insensitive), of the given types, for a seller picking the record
     * a conversation belongs to. At most {@code limit} results, best matches first.
     */
    List<CrmRecord> searchRecords(String query, Set<RecordType> types, int limit);

    /**
     * Re-links activities to other records (moving a conversation). Idempotent: moving an activity to the record it
     * is on changes nothing.
     *
     * @return one result per move, in the order of the input
     */
    List<ActivityMoveResult> moveActivities(List<ActivityMove> moves);

    /**
     * Shows customers' SMS consent on their records, in the fields the adapter's field mapping names for it; an adapter
     * whose mapping names none writes nothing. The connector keeps consent itself and blocks opted-out numbers
     * whatever the CRM shows; this is for the people reading the record. Records of types that have no such field are
     * skipped. Idempotent; a change older than the one a record shows does not replace it.
     */
    void recordConsent(List<ConsentChange> changes);

    /** Sends in-app notifications through the CRM's own facility. */
    void sendNotifications(List<Notification> notifications);
}
