package dev.textbridge.connector.api.seller;

import dev.textbridge.connector.conversation.SellerScope;
import dev.textbridge.connector.conversation.VisibleRecords;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.outbound.OutboundStore;
import dev.textbridge.connector.outbound.OutboundText;
import dev.textbridge.connector.outbound.ProviderUnavailableException;
import dev.textbridge.connector.outbound.SendCommand;
import dev.textbridge.connector.outbound.SendRefusedException;
import dev.textbridge.connector.outbound.TextSender;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;

/**
 * {@code POST /api/v1/messages} sends a seller's text; {@code GET /api/v1/messages/{id}} answers its current state to
 * any seller who may see its conversation.
 */
@RestController
public class MessageController {

    private final TextSender sender;
    private final OutboundStore texts;
    private final AuthenticatedSeller sellers;
    private final BusinessNumbers numbers;
    private final VisibleRecords records;

    public MessageController(TextSender sender, OutboundStore texts, AuthenticatedSeller sellers,
                             BusinessNumbers numbers, VisibleRecords records) {
        this.sender = sender;
        this.texts = texts;
        this.sellers = sellers;
        this.numbers = numbers;
        this.records = records;
    }

    public record RecordParam(String type, String id) {
    }

    public record SendRequest(RecordParam record, String to, String phoneField, String from, String body,
                              String templateId) {
    }

    public record MessageView(String id, String providerMessageId, String status, String failureReason, int segments,
                              String encoding) {
        static MessageView of(OutboundText text) {
            return new MessageView(text.id(), text.providerMessageId(), text.status(),
                    text.failureReason() == null ? null : text.failureReason().text(), text.segments(), text.encoding());
        }
    }

    @PostMapping("/api/v1/messages")
    public Mono<ResponseEntity<MessageView>> send(@AuthenticationPrincipal Jwt token, @RequestBody SendRequest request,
                                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return Mono.fromCallable(() -> {
            CrmUser seller = seller(token);
            OutboundText text;
            try {
                text = sender.send(seller, new SendCommand(record(request.record()), request.to(), request.phoneField(), request.from(),
                        request.body(), request.templateId(), key == null || key.isBlank() ? null : key.strip()));
            } catch (SendRefusedException e) {
                throw problem(switch (e.kind()) {
                    case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
                    case NOT_YOUR_NUMBER, UNKNOWN_SELLER -> HttpStatus.FORBIDDEN;
                    case NO_SUCH_RECORD -> HttpStatus.NOT_FOUND;
                }, e.getMessage());
            } catch (ProviderUnavailableException e) {
                throw problem(HttpStatus.SERVICE_UNAVAILABLE, "the provider did not answer (" + e.getMessage()
                        + "); send again with the same Idempotency-Key: the text is sent at most once");
            }
            return ResponseEntity.created(URI.create("/api/v1/messages/" + text.id())).body(MessageView.of(text));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/v1/messages/{id}")
    public Mono<MessageView> message(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return Mono.fromCallable(() -> {
            SellerScope scope = SellerScope.of(seller(token), numbers);
            // Whoever may see the conversation may follow its texts: the sender, the number's sellers, the record's.
            return texts.find(id).filter(t -> t.sellerId().equals(scope.sellerId())
                            || scope.businessNumbers().contains(t.from())
                            || records.find(scope, t.record()).isPresent())
                    .map(MessageView::of)
                    .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no message " + id + " that you may see"));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private CrmUser seller(Jwt token) {
        return sellers.of(token);
    }

    private static RecordRef record(RecordParam record) {
        if (record == null || record.type() == null || record.id() == null || record.id().isBlank()) {
            throw problem(HttpStatus.BAD_REQUEST, "'record' needs a type and an id");
        }
        try {
            return new RecordRef(RecordType.fromWireName(record.type()), record.id().strip());
        } catch (IllegalArgumentException e) {
            throw problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return AuthenticatedSeller.problem(status, detail);
    }
}
