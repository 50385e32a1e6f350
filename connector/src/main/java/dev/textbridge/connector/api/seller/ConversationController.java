package dev.textbridge.connector.api.seller;

import dev.textbridge.connector.conversation.ConversationMover;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.conversation.ConversationSummary;
import dev.textbridge.connector.conversation.HistoryMessage;
import dev.textbridge.connector.conversation.SellerScope;
import dev.textbridge.connector.conversation.VisibleRecords;
import dev.textbridge.connector.numbers.BusinessNumber;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.RecordPhone;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.textbridge.connector.api.seller.AuthenticatedSeller.problem;

/**
 * The seller's workspace: "My text messages", a record's conversations with their history, read markers, and the
 * numbers the seller may send from. Everything a seller may not see answers 404, as if it did not exist.
 */
@RestController
public class ConversationController {

    private static final int MAX_PAGE_SIZE = 100;

    private final ConversationStore conversations;
    private final AuthenticatedSeller sellers;
    private final BusinessNumbers numbers;
    private final CrmAdapter crm;
    private final ConversationMover mover;
    private final VisibleRecords records;
    private final Clock clock;

    public ConversationController(ConversationStore conversations, AuthenticatedSeller sellers, BusinessNumbers numbers,
                                  CrmAdapter crm, ConversationMover mover, VisibleRecords records, Clock clock) {
        this.conversations = conversations;
        this.sellers = sellers;
        this.numbers = numbers;
        this.crm = crm;
        this.mover = mover;
        this.records = records;
        this.clock = clock;
    }

    public record RecordView(String type, String id, String name) {
    }

    public record LastMessage(String direction, String body, Instant at) {
    }

    public record ConversationItem(long id, String customerNumber, String businessNumber, RecordView record,
                                   LastMessage lastMessage, long unread) {
        static ConversationItem of(ConversationSummary c) {
            return new ConversationItem(c.id(), c.customerNumber(), c.businessNumber(),
                    new RecordView(c.record().type().wireName(), c.record().id(), c.recordName()),
                    new LastMessage(c.lastDirection(), c.lastBody(), c.lastMessageAt()), c.unread());
        }
    }

    public record ConversationPage(List<ConversationItem> items, int page, int size, long total) {
    }

    /**
     * @param phoneField the record's phone field holding the customer's number, when known
     */
    public record RecordConversation(long id, String customerNumber, String businessNumber, String phoneField,
                                     RecordView record, long unread, List<HistoryMessage> messages) {
    }

    public record SenderNumber(String number, String provider, String assignedTo, String assigneeId) {
    }

    @GetMapping("/api/v1/conversations")
    public Mono<ConversationPage> myTextMessages(@AuthenticationPrincipal Jwt token,
                                                 @RequestParam(defaultValue = "0") int page,
                                                 @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw problem(HttpStatus.BAD_REQUEST, "page counts from 0 and size is 1 to " + MAX_PAGE_SIZE);
        }
        return blocking(() -> {
            SellerScope scope = scope(token);
            List<ConversationItem> items = conversations.visible(scope.sellerId(), scope.businessNumbers(), scope.owners(), page, size)
                    .stream().map(ConversationItem::of).toList();
            return new ConversationPage(items, page, size, conversations.countVisible(scope.businessNumbers(), scope.owners()));
        });
    }

    /**
     * The record's conversations with their history, each with the phone field holding the customer's number; with
     * {@code opportunity}, on a contact, those of that opportunity of the contact instead.
     */
    @GetMapping("/api/v1/records/{type}/{id}/conversations")
    public Mono<List<RecordConversation>> onRecord(@AuthenticationPrincipal Jwt token, @PathVariable String type,
                                                   @PathVariable String id,
                                                   @RequestParam(required = false) String opportunity) {
        RecordRef ref = record(type, id);
        return blocking(() -> {
            SellerScope scope = scope(token);
            List<ConversationSummary> visible = conversations.onRecord(scope.sellerId(), ref).stream()
                    .filter(scope::sees).toList();
            CrmRecord record = records.find(scope, ref).orElse(null);
            if (record == null && visible.isEmpty()) {
                throw problem(HttpStatus.NOT_FOUND, "no " + type + " " + id + " that you may see");
            }
            if (opportunity == null || opportunity.isBlank()) {
                return visible.stream().map(c -> conversation(c, record)).toList();
            }
            RecordRef opportunityRef = new RecordRef(RecordType.OPPORTUNITY, opportunity.strip());
            boolean related = record != null && records.related(scope, record).stream()
                    .anyMatch(r -> r.ref().equals(opportunityRef));
            if (!related) {
                throw problem(HttpStatus.NOT_FOUND, "no opportunity " + opportunityRef.id() + " of this " + type
                        + " that you may see");
            }
            CrmRecord tied = records.find(scope, opportunityRef).orElse(null);
            Set<String> customerNumbers = record.phones().stream().filter(p -> p.number() != null)
                    .map(p -> p.number().value()).collect(java.util.stream.Collectors.toSet());
            return conversations.onRecord(scope.sellerId(), opportunityRef).stream().filter(scope::sees)
                    .filter(c -> customerNumbers.contains(c.customerNumber()))
                    .map(c -> conversation(c, tied)).toList();
        });
    }

    private RecordConversation conversation(ConversationSummary c, CrmRecord record) {
        String phoneField = record == null ? null : record.phones().stream()
                .filter(p -> p.number() != null && p.number().value().equals(c.customerNumber()))
                .map(RecordPhone::field).findFirst().orElse(null);
        return new RecordConversation(c.id(), c.customerNumber(), c.businessNumber(), phoneField,
                new RecordView(c.record().type().wireName(), c.record().id(), c.recordName()), c.unread(),
                conversations.history(c));
    }

    @PostMapping("/api/v1/conversations/{id}/read")
    public Mono<ConversationItem> markRead(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
        return blocking(() -> {
            SellerScope scope = scope(token);
            visibleConversation(scope, id);
            conversations.markRead(id, scope.sellerId(), clock.instant());
            return ConversationItem.of(visibleConversation(scope, id));
        });
    }

    public record MoveRequest(RecordParam record) {
    }

    public record RecordParam(String type, String id) {
    }

    /** @param failed the messages whose CRM activity could not move (they stay on the old record), with the reason */
    public record MoveAnswer(ConversationItem conversation, List<FailedMove> failed) {
    }

    public record FailedMove(String activityId, String reason) {
    }

    @PostMapping("/api/v1/conversations/{id}/move")
    public Mono<ResponseEntity<MoveAnswer>> move(@AuthenticationPrincipal Jwt token, @PathVariable long id,
                                                 @RequestBody MoveRequest request) {
        if (request == null || request.record() == null || request.record().type() == null || request.record().id() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "'record' needs a type and an id");
        }
        RecordRef targetRef = record(request.record().type(), request.record().id());
        return blocking(() -> {
            SellerScope scope = scope(token);
            ConversationSummary conversation = visibleConversation(scope, id);
            CrmRecord target = crm.findRecords(Set.of(targetRef)).get(targetRef);
            if (target == null || !records.sees(scope, target)) {
                throw problem(HttpStatus.NOT_FOUND, "no " + targetRef.type().wireName() + " " + targetRef.id() + " that you may see");
            }
            if (target.ref().equals(conversation.record())) {
                return ResponseEntity.ok(new MoveAnswer(ConversationItem.of(conversation), List.of()));
            }
            ConversationMover.Outcome outcome;
            try {
                outcome = mover.move(conversation, target);
            } catch (CrmUnavailableException e) {
                throw problem(HttpStatus.SERVICE_UNAVAILABLE, "the CRM is unavailable, nothing was moved: " + e.getMessage());
            }
            List<FailedMove> failed = outcome.failed().entrySet().stream()
                    .map(f -> new FailedMove(f.getKey(), f.getValue())).toList();
            ConversationSummary moved = outcome.conversationId()
                    .flatMap(movedId -> conversations.find(scope.sellerId(), movedId)).orElse(conversation);
            return ResponseEntity.status(failed.isEmpty() ? HttpStatus.OK : HttpStatus.MULTI_STATUS)
                    .body(new MoveAnswer(ConversationItem.of(moved), failed));
        });
    }

    @GetMapping("/api/v1/sender-numbers")
    public Mono<List<SenderNumber>> senderNumbers(@AuthenticationPrincipal Jwt token) {
        return blocking(() -> {
            CrmUser seller = sellers.of(token);
            return numbers.assignedTo(seller.id(), seller.teamIds()).stream()
                    .map(ConversationController::senderNumber).toList();
        });
    }

    private ConversationSummary visibleConversation(SellerScope scope, long id) {
        return conversations.find(scope.sellerId(), id).filter(scope::sees)
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no conversation " + id + " that you may see"));
    }

    private SellerScope scope(Jwt token) {
        return SellerScope.of(sellers.of(token), numbers);
    }

    private static SenderNumber senderNumber(BusinessNumber number) {
        return new SenderNumber(number.number().value(), number.provider(),
                number.seller().isTeam() ? "team" : "user", number.seller().id());
    }

    private static RecordRef record(String type, String id) {
        return RecordController.recordRef(type, id);
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
