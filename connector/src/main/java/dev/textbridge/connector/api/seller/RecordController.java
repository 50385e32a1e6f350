package dev.textbridge.connector.api.seller;

import dev.textbridge.connector.conversation.SellerScope;
import dev.textbridge.connector.conversation.VisibleRecords;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordPhone;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.textbridge.connector.api.seller.AuthenticatedSeller.problem;

/**
 * CRM records as the panel needs them: one record with its phone fields (the customer-number picker) and the records
 * tied to it (a contact's opportunities, an opportunity's contact), and the record search of the move picker. Only
 * records the seller may see; any other answers 404.
 */
@RestController
public class RecordController {

    private static final int SEARCH_LIMIT = 20;

    private final AuthenticatedSeller sellers;
    private final BusinessNumbers numbers;
    private final CrmAdapter crm;
    private final VisibleRecords records;

    public RecordController(AuthenticatedSeller sellers, BusinessNumbers numbers, CrmAdapter crm,
                            VisibleRecords records) {
        this.sellers = sellers;
        this.numbers = numbers;
        this.crm = crm;
        this.records = records;
    }

    /** @param number the field's value normalised to E.164, or null when a text cannot go to it */
    public record PhoneView(String field, String text, String number) {
        static PhoneView of(RecordPhone phone) {
            return new PhoneView(phone.field(), phone.text(), phone.number() == null ? null : phone.number().value());
        }
    }

    public record RelatedView(String type, String id, String name, boolean active) {
        static RelatedView of(CrmRecord record) {
            return new RelatedView(record.ref().type().wireName(), record.ref().id(), record.name(), record.active());
        }
    }

    /**
     * @param opportunities for a contact or an account, its opportunities; empty for the other types
     * @param contact       for an opportunity, its contact (null when none)
     * @param account       for an opportunity, its account (null when none)
     */
    public record RecordDetails(String type, String id, String name, String ownerId, boolean active,
                                List<PhoneView> phones, List<RelatedView> opportunities, RelatedView contact,
                                RelatedView account) {
    }

    @GetMapping("/api/v1/records/{type}/{id}")
    public Mono<RecordDetails> record(@AuthenticationPrincipal Jwt token, @PathVariable String type,
                                      @PathVariable String id) {
        RecordRef ref = recordRef(type, id);
        return Mono.fromCallable(() -> {
            SellerScope scope = SellerScope.of(sellers.of(token), numbers);
            CrmRecord record = records.find(scope, ref)
                    .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no " + type + " " + id + " that you may see"));
            List<CrmRecord> related = records.related(scope, record);
            return new RecordDetails(type, record.ref().id(), record.name(), record.ownerId(), record.active(),
                    record.phones().stream().map(PhoneView::of).toList(),
                    related.stream().filter(r -> r.ref().type() == RecordType.OPPORTUNITY).map(RelatedView::of)
                            .toList(),
                    first(related, RecordType.CONTACT), first(related, RecordType.ACCOUNT));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Record search for the move picker: only records the seller may see. */
    @GetMapping("/api/v1/records")
    public Mono<List<ConversationController.RecordView>> search(@AuthenticationPrincipal Jwt token,
                                                                @RequestParam String query,
                                                                @RequestParam(required = false) String types) {
        Set<RecordType> wanted = types == null || types.isBlank() ? Set.of(RecordType.values())
                : Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .map(RecordController::recordType).collect(Collectors.toSet());
        return Mono.fromCallable(() -> {
            SellerScope scope = SellerScope.of(sellers.of(token), numbers);
            // Asks for more than it shows: some of the best matches may be records the seller may not see.
            return crm.searchRecords(query, wanted, SEARCH_LIMIT * 3).stream()
                    .filter(r -> records.sees(scope, r))
                    .limit(SEARCH_LIMIT)
                    .map(r -> new ConversationController.RecordView(r.ref().type().wireName(), r.ref().id(), r.name()))
                    .toList();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static RelatedView first(List<CrmRecord> related, RecordType type) {
        return related.stream().filter(r -> r.ref().type() == type).findFirst().map(RelatedView::of).orElse(null);
    }

    static RecordRef recordRef(String type, String id) {
        return new RecordRef(recordType(type), id);
    }

    private static RecordType recordType(String type) {
        try {
            return RecordType.fromWireName(type);
        } catch (IllegalArgumentException e) {
            throw problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
