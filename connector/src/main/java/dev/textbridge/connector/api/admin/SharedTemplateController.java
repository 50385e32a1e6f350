package dev.textbridge.connector.api.admin;

import dev.textbridge.connector.api.seller.TemplateController.TemplateBody;
import dev.textbridge.connector.api.seller.TemplateController.TemplateView;
import dev.textbridge.connector.template.Template;
import dev.textbridge.connector.template.TemplateCatalog;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

import static dev.textbridge.connector.api.seller.TemplateController.blocking;

/** {@code /admin/v1/templates}: the shared templates every seller may use. */
@RestController
public class SharedTemplateController {

    private final TemplateCatalog templates;

    public SharedTemplateController(TemplateCatalog templates) {
        this.templates = templates;
    }

    @GetMapping("/admin/v1/templates")
    public Mono<List<TemplateView>> list() {
        return blocking(() -> templates.shared().stream().map(TemplateView::of).toList());
    }

    @PostMapping("/admin/v1/templates")
    public Mono<ResponseEntity<TemplateView>> create(@RequestBody TemplateBody body) {
        return blocking(() -> {
            Template created = templates.createShared(body.name(), body.body());
            return ResponseEntity.created(URI.create("/admin/v1/templates/" + created.id())).body(TemplateView.of(created));
        });
    }

    @PutMapping("/admin/v1/templates/{id}")
    public Mono<TemplateView> update(@PathVariable String id, @RequestBody TemplateBody body) {
        return blocking(() -> TemplateView.of(templates.updateShared(id, body.name(), body.body())));
    }

    @DeleteMapping("/admin/v1/templates/{id}")
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
        return blocking(() -> {
            templates.deleteShared(id);
            return ResponseEntity.noContent().build();
        });
    }
}
