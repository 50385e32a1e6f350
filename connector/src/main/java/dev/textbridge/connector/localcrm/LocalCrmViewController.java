package dev.textbridge.connector.localcrm;

import dev.textbridge.crm.local.LocalActivity;
import dev.textbridge.crm.local.LocalCrm;
import dev.textbridge.crm.local.LocalRecord;
import dev.textbridge.mappings.model.MediaAttachment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The local CRM's read-only view, for people trying the product and for tests: its records and their activities. */
@RestController
@RequestMapping("/local-crm/api")
@ConditionalOnProperty(name = "textbridge.crm.type", havingValue = "local", matchIfMissing = true)
public class LocalCrmViewController {

    private final LocalCrm crm;

    public LocalCrmViewController(LocalCrm crm) {
        this.crm = crm;
    }

    public record RecordView(String type, String id, String name, String owner, boolean active, Instant lastModified,
                             Map<String, String> phones, String contact, String account, String source) {
    }

    public record ActivityView(String id, String direction, String body, String from, String to, Instant at,
                               String provider, String providerMessageId, String status, String failureReason,
                               List<MediaAttachment> media, String owner) {
    }

    public record TargetView(String type, String id) {
    }

    public record NotificationView(String title, String body, TargetView target, Instant at) {
    }

    /** The in-app notifications a user received, newest first. */
    @GetMapping("/notifications")
    public Mono<List<NotificationView>> notifications(@RequestParam String user) {
        return Mono.fromCallable(() -> crm.notifications(user).stream().map(sent -> new NotificationView(
                        sent.notification().title(), sent.notification().body(),
                        sent.notification().target() == null ? null : new TargetView(
                                sent.notification().target().type().wireName(), sent.notification().target().id()),
                        sent.at())).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/records")
    public Mono<List<RecordView>> records() {
        return Mono.fromCallable(() -> crm.records().stream().map(LocalCrmViewController::view).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/records/{id}/activities")
    public Mono<List<ActivityView>> activities(@PathVariable String id) {
        return Mono.fromCallable(() -> crm.activities(id).stream().map(LocalCrmViewController::view).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static RecordView view(LocalRecord r) {
        return new RecordView(r.type().wireName(), r.id(), r.name(), r.owner(), r.active(), r.lastModified(),
                r.phones(), r.contact(), r.account(), r.source());
    }

    private static ActivityView view(LocalActivity a) {
        return new ActivityView(a.id(), a.direction().wireName(), a.body(), a.from(), a.to(), a.at(), a.provider(),
                a.providerMessageId(), a.status() == null ? null : a.status().name().toLowerCase(java.util.Locale.ROOT),
                a.failureReason() == null ? null : a.failureReason().text(), a.media(), a.owner());
    }
}
