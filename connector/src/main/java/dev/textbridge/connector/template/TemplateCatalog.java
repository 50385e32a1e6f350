package dev.textbridge.connector.template;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who may do what with templates, and what a template must be: sellers keep personal templates, admins keep shared
 * ones; every body is checked for unknown merge fields when it is saved, not when a seller sends it.
 */
public class TemplateCatalog {

    private final TemplateStore store;
    private final Clock clock;

    public TemplateCatalog(TemplateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A template refused for its content, or an operation refused to this user; the message says why. */
    public static class TemplateRefusedException extends RuntimeException {
        private final boolean notFound;

        TemplateRefusedException(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    public List<Template> visibleTo(String sellerId) {
        return store.visibleTo(sellerId);
    }

    public List<Template> shared() {
        return store.shared();
    }

    /** A template the seller may use: shared, or their own. */
    public Optional<Template> usableBy(String sellerId, String id) {
        return store.find(id).filter(t -> t.shared() || sellerId.equals(t.ownerId()));
    }

    public Template createPersonal(String sellerId, String name, String body) {
        check(name, body);
        return store.create(name.strip(), body, false, sellerId, clock.instant());
    }

    public Template createShared(String name, String body) {
        check(name, body);
        return store.create(name.strip(), body, true, null, clock.instant());
    }

    public Template updatePersonal(String sellerId, String id, String name, String body) {
        ownedBy(sellerId, id);
        check(name, body);
        return store.update(id, name.strip(), body, clock.instant());
    }

    public Template updateShared(String id, String name, String body) {
        sharedOne(id);
        check(name, body);
        return store.update(id, name.strip(), body, clock.instant());
    }

    public void deletePersonal(String sellerId, String id) {
        ownedBy(sellerId, id);
        store.delete(id);
    }

    public void deleteShared(String id) {
        sharedOne(id);
        store.delete(id);
    }

    private void ownedBy(String sellerId, String id) {
        Template template = store.find(id).filter(t -> t.shared() || sellerId.equals(t.ownerId()))
                .orElseThrow(() -> new TemplateRefusedException("no template " + id + " of yours", true));
        if (template.shared()) {
            throw new TemplateRefusedException("template " + id + " is shared; only an admin changes it", false);
        }
    }

    private void sharedOne(String id) {
        store.find(id).filter(Template::shared)
                .orElseThrow(() -> new TemplateRefusedException("no shared template " + id, true));
    }

    private static void check(String name, String body) {
        if (name == null || name.isBlank()) {
            throw new TemplateRefusedException("a template needs a name", false);
        }
        if (body == null || body.isBlank()) {
            throw new TemplateRefusedException("a template needs a body", false);
        }
        if (body.length() > 1600) {
            throw new TemplateRefusedException("the body has " + body.length() + " characters; a text holds at most 1600", false);
        }
        List<String> unknown = MergeFields.unknownIn(body);
        if (!unknown.isEmpty()) {
            throw new TemplateRefusedException("unknown merge field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(f -> "{{" + f + "}}").toList())
                    + "; known: " + String.join(", ", MergeFields.KNOWN.keySet().stream().sorted().map(f -> "{{" + f + "}}").toList()), false);
        }
    }
}
