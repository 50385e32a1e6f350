package dev.textbridge.connector.api.seller;

import dev.textbridge.connector.template.Template;
import dev.textbridge.connector.template.TemplateCatalog;
import dev.textbridge.connector.template.TemplateCatalog.TemplateRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code /api/v1/templates}: the shared templates and the seller's own; sellers change only their own. */
@RestController
public class TemplateController {

    private final TemplateCatalog templates;

    public TemplateController(TemplateCatalog templates) {
        this.templates = templates;
    }

    public record TemplateBody(String name, String body) {
    }

    public record TemplateView(String id, String name, String body, boolean shared) {
        public static TemplateView of(Template template) {
            return new TemplateView(template.id(), template.name(), template.body(), template.shared());
        }
    }

    @GetMapping("/api/v1/templates")
    public Mono<List<TemplateView>> list(@AuthenticationPrincipal Jwt seller) {
        return blocking(() -> templates.visibleTo(seller.getSubject()).stream().map(TemplateView::of).toList());
    }

    @PostMapping("/api/v1/templates")
    public Mono<ResponseEntity<TemplateView>> create(@AuthenticationPrincipal Jwt seller, @RequestBody TemplateBody body) {
        return blocking(() -> {
            Template created = templates.createPersonal(seller.getSubject(), body.name(), body.body());
            return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(TemplateView.of(created));
        });
    }

    @PutMapping("/api/v1/templates/{id}")
    public Mono<TemplateView> update(@AuthenticationPrincipal Jwt seller, @PathVariable String id, @RequestBody TemplateBody body) {
        return blocking(() -> TemplateView.of(templates.updatePersonal(seller.getSubject(), id, body.name(), body.body())));
    }

    @DeleteMapping("/api/v1/templates/{id}")
    public Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal Jwt seller, @PathVariable String id) {
        return blocking(() -> {
            templates.deletePersonal(seller.getSubject(), id);
            return ResponseEntity.noContent().build();
        });
    }

    /** Runs store work off the event loop and turns refusals into problem details. */
    public static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(() -> {
            try {
                return work.call();
            } catch (TemplateRefusedException e) {
                HttpStatus status = e.notFound() ? HttpStatus.NOT_FOUND
                        : e.getMessage().contains("only an admin") ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
                throw new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, e.getMessage()), null);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
